import type { ReactNode } from "react";
import { Link } from "react-router";
import { Button, Layout, Tag } from "antd";
import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../i18n/i18n";
import { useCurrentUser } from "./current-user";
import { LanguageSwitch } from "./language-switch";
import { signOut } from "./sign-out";

const { Header, Content } = Layout;

/**
 * A farm's own account (role producer): its diary and its profile under a plain header, without
 * the staff's menu, bell or counts, none of which it may read.
 */
export function ProducerLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  return (
    <Layout className="staff-root">
      <Header className="staff-header">
        <Link to="/nhat-ky" className="staff-brand">
          <span className="staff-logo" aria-hidden="true" />
          <span className="staff-brand-text">{t("app.name")}</span>
        </Link>
        <span className="staff-ward" title={user.ward.name}>
          {user.ward.name}
        </span>
        {user.ward.isDemo && (
          <Tag color="gold" className="staff-demo-tag">
            {t("common.demoData")}
          </Tag>
        )}
        <span className="staff-header-spacer" />
        <LanguageSwitch />
        <Link
          to="/ho-so"
          className="staff-header-button producer-profile-link"
          aria-label={t("nav.account", { name: user.displayName })}
        >
          <UserOutlined aria-hidden="true" />
        </Link>
        <Button
          type="text"
          className="staff-header-button"
          icon={<LogoutOutlined />}
          aria-label={t("nav.logout")}
          onClick={() => void signOut(queryClient)}
        />
      </Header>
      <Content className="staff-content">{children}</Content>
    </Layout>
  );
}
