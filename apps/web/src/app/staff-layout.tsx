import { useEffect, useState, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Tag, Typography, type MenuProps } from "antd";
import {
  ApartmentOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  EyeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FundOutlined,
  GlobalOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  MessageOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../i18n/i18n";
import { useCurrentUser } from "./current-user";
import { LanguageSwitch } from "./language-switch";
import { signOut } from "./sign-out";
import { NotificationBell } from "../features/notifications/notification-bell";
import { FeedbackMenuLabel } from "../features/feedback/staff/feedback-menu-label";
import { canKeepRegistry } from "../features/agriculture/registry/registry-rules";
import { canKeepDiary } from "../features/agriculture/diary/diary-rules";
import { canKeepCertificates } from "../features/certificates/certificate-rules";
import { canReadExtension } from "../features/extension/extension-rules";

const { Header, Sider, Content } = Layout;

/** The menu entry a path belongs to, by its first segment: `/nhiem-vu/abc` highlights "Nhiệm vụ". */
function selectedKey(pathname: string): string {
  return `/${pathname.split("/")[1] ?? ""}`;
}

export function StaffLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const isCity = user.role === "city";
  // A city account reads the ward it chose (read-only); everyone else, their own.
  const shownWard = user.viewing ?? user.ward;
  const showCityBanner = isCity && user.viewing !== null && selectedKey(location.pathname) !== "/thanh-pho";
  const menuItems: MenuProps["items"] = [
    // Every ward compared: the city's home, and the platform admin's view of the wards it opened.
    ...(isCity || user.role === "platform_admin"
      ? [
          {
            key: "/thanh-pho",
            icon: <GlobalOutlined />,
            label: <Link to="/thanh-pho">{t("nav.city")}</Link>,
          },
        ]
      : []),
    {
      key: "/",
      icon: <DashboardOutlined />,
      label: <Link to="/">{t("nav.dashboard")}</Link>,
    },
    {
      key: "/nhiem-vu",
      icon: <ProfileOutlined />,
      label: <Link to="/nhiem-vu">{t("nav.tasks")}</Link>,
    },
    // The city owns no work of a ward.
    ...(isCity
      ? []
      : [
          {
            key: "/viec-cua-toi",
            icon: <CheckSquareOutlined />,
            label: <Link to="/viec-cua-toi">{t("nav.myWork")}</Link>,
          },
        ]),
    {
      key: "/chi-tieu",
      icon: <FundOutlined />,
      label: <Link to="/chi-tieu">{t("nav.indicators")}</Link>,
    },
    {
      key: "/bao-cao",
      icon: <FileTextOutlined />,
      label: <Link to="/bao-cao">{t("nav.reports")}</Link>,
    },
    // The register of documents in and out: every staff member reads it, the Office keeps it.
    {
      key: "/van-ban",
      icon: <FolderOpenOutlined />,
      label: <Link to="/van-ban">{t("nav.documents")}</Link>,
    },
    // Residents' reports (phản ánh): the Office sorts them, units handle theirs, every staff
    // member reads them; the badge counts what waits to be sorted or is overdue.
    {
      key: "/xu-ly-phan-anh",
      icon: <MessageOutlined />,
      label: (
        <Link to="/xu-ly-phan-anh">
          <FeedbackMenuLabel />
        </Link>
      ),
    },
    // Sổ nông hộ: farms, plots, certificates and the GAP share, for the registry's keepers (the API refuses the others).
    ...(canKeepRegistry(user)
      ? [
          {
            key: "/nong-ho",
            icon: <EnvironmentOutlined />,
            label: <Link to="/nong-ho">{t("nav.registry")}</Link>,
          },
        ]
      : []),
    // Nhật ký sản xuất, kept for the farms that agreed to it (the page lists them; the API refuses the others).
    ...(canKeepDiary(user)
      ? [
          {
            key: "/nhat-ky",
            icon: <ReadOutlined />,
            label: <Link to="/nhat-ky">{t("nav.diary")}</Link>,
          },
        ]
      : []),
    // Green products and OCOP: Phòng Kinh tế and the plan managers (the page and the API refuse the others).
    ...(canKeepCertificates(user)
      ? [
          {
            key: "/san-pham-xanh",
            icon: <SafetyCertificateOutlined />,
            label: <Link to="/san-pham-xanh">{t("nav.greenProducts")}</Link>,
          },
        ]
      : []),
    // Khuyến nông: Phòng Kinh tế records the classes and models; every account of a ward reads them.
    ...(canReadExtension(user)
      ? [
          {
            key: "/khuyen-nong",
            icon: <ExperimentOutlined />,
            label: <Link to="/khuyen-nong">{t("nav.extension")}</Link>,
          },
        ]
      : []),
    // Account administration is for admins only (the page and the API refuse the others too).
    ...(user.role === "admin"
      ? [
          {
            key: "/tai-khoan",
            icon: <TeamOutlined />,
            label: <Link to="/tai-khoan">{t("nav.accounts")}</Link>,
          },
        ]
      : []),
    // The ward's list of units is kept by the admin and the Office (the page and the API refuse the others).
    ...(user.role === "admin" || user.role === "office"
      ? [
          {
            key: "/don-vi",
            icon: <ApartmentOutlined />,
            label: <Link to="/don-vi">{t("nav.units")}</Link>,
          },
        ]
      : []),
    // Opening wards is the platform admin's (the page and the API refuse the others).
    ...(user.role === "platform_admin"
      ? [
          {
            key: "/phuong",
            icon: <ClusterOutlined />,
            label: <Link to="/phuong">{t("nav.wards")}</Link>,
          },
        ]
      : []),
    // Backups and background jobs: the admin's (the page and the API refuse the others).
    ...(user.role === "admin"
      ? [
          {
            key: "/he-thong",
            icon: <CloudServerOutlined />,
            label: <Link to="/he-thong">{t("nav.system")}</Link>,
          },
        ]
      : []),
    { type: "divider" },
    {
      key: "public",
      icon: <GlobalOutlined />,
      label: (
        <a href="/cong-khai" target="_blank" rel="noopener">
          {t("nav.public")}
        </a>
      ),
    },
  ];

  const logout = () => signOut(queryClient);

  const userMenu: MenuProps = {
    items: [
      {
        key: "who",
        disabled: true,
        label: (
          <div className="staff-user-card">
            <strong>{user.displayName}</strong>
            {user.unit && <span>{user.unit.name}</span>}
            <span>{t(`role.${user.role}`)}</span>
          </div>
        ),
      },
      { type: "divider" },
      {
        key: "profile",
        icon: <IdcardOutlined />,
        label: <Link to="/ho-so">{t("nav.profile")}</Link>,
      },
      {
        key: "logout",
        icon: <LogoutOutlined />,
        label: t("nav.logout"),
        onClick: () => void logout(),
      },
    ],
  };

  const languageSwitch = <LanguageSwitch />;

  const menu = (
    <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={menuItems} aria-label={t("nav.label")} />
  );

  return (
    <Layout className="staff-root">
      <Header className="staff-header">
        {isPhone && (
          <Button
            type="text"
            className="staff-header-button"
            icon={<MenuOutlined />}
            aria-label={t("nav.openMenu")}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" className="staff-brand">
          <span className="staff-logo" aria-hidden="true" />
          <span className="staff-brand-text">{t("app.name")}</span>
        </Link>
        <span className="staff-ward" title={shownWard.name}>
          {shownWard.name}
        </span>
        {shownWard.isDemo && (
          <Tag color="gold" className="staff-demo-tag">
            {t("common.demoData")}
          </Tag>
        )}
        <span className="staff-header-spacer" />
        {!isPhone && languageSwitch}
        <NotificationBell onOpenTask={(taskId) => void navigate(`/nhiem-vu/${taskId}`)} />
        <Dropdown menu={userMenu} trigger={["click"]} placement="bottomRight">
          <Button
            type="text"
            className="staff-header-button staff-user-button"
            icon={<UserOutlined />}
            aria-label={t("nav.account", { name: user.displayName })}
          >
            {!isPhone && (
              <span className="staff-user-text">
                <span>{user.displayName}</span>
                {user.unit && <Typography.Text className="staff-user-unit">{user.unit.shortName}</Typography.Text>}
              </span>
            )}
          </Button>
        </Dropdown>
        {!isPhone && (
          <Button type="text" className="staff-header-button" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t("nav.logout")}
          </Button>
        )}
      </Header>
      <Layout>
        {!isPhone && (
          <Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            className="staff-sider"
          >
            {menu}
          </Sider>
        )}
        {isPhone && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t("app.name")}
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: 12 }}>{languageSwitch}</div>
            {menu}
          </Drawer>
        )}
        <Content className="staff-content">
          {showCityBanner && user.viewing && (
            <div className="staff-city-banner" role="region" aria-label={t("city.bannerLabel")}>
              <EyeOutlined aria-hidden="true" />
              <span>{t("city.banner", { name: user.viewing.name })}</span>
              <span aria-hidden="true">·</span>
              <Link to="/thanh-pho">{t("city.backToCity")}</Link>
            </div>
          )}
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
