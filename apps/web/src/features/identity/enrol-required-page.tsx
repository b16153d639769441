import { Alert, Button } from "antd";
import { LogoutOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { api, queryKeys } from "../../lib/endpoints";
import { LOGIN_PATH } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { PageHeader } from "../../components/page-header";
import { SecondFactorCard } from "./second-factor-card";
import "./profile.css";

/**
 * REQUIRE_2FA_ADMIN: an admin without a second factor sees only this until one is confirmed
 * (the API refuses everything else with SECOND_FACTOR_ENROLMENT_REQUIRED).
 */
export default function EnrolRequiredPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();

  async function logout() {
    try {
      await api.logout();
    } finally {
      queryClient.clear();
      window.location.assign(LOGIN_PATH);
    }
  }

  return (
    <main className="profile-required">
      <PageHeader
        title={t("twoFactor.requiredTitle")}
        extra={
          <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t("nav.logout")}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t("twoFactor.requiredExplain")} style={{ marginBottom: 16 }} />
      <SecondFactorCard onEnrolled={() => void queryClient.invalidateQueries({ queryKey: queryKeys.me })} />
    </main>
  );
}
