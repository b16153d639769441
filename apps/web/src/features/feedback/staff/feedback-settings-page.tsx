import { useSearchParams } from "react-router";
import { Tabs } from "antd";
import { useCurrentUser } from "../../../app/current-user";
import { ForbiddenPage } from "../../../components/admin-list-page";
import { ApiKeySettings } from "./api-key-settings";
import { CategorySettings } from "./category-settings";
import { PersonalDataSettings } from "./personal-data-settings";
import { canConfigure, canHandlePersonalData, canManageApiKeys, canManageSettings } from "./roles";
import { TemplateSettings } from "./template-settings";
import { FeedbackCrumbs } from "./feedback-ui";
import { useFeedbackStaffT } from "./messages";

const SECTIONS = ["loai", "mau-tra-loi", "khoa-api", "du-lieu-ca-nhan"] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Cấu hình phản ánh: what residents can report and who handles it, the answers staff reuse, the
 * keys other systems write with (admin), and requests about one person's data. One section at a
 * time, named in the address (`?muc=mau-tra-loi`).
 */
export default function FeedbackSettingsPage() {
  const ft = useFeedbackStaffT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  if (!canConfigure(user)) return <ForbiddenPage title={ft("feedback.settings.title")} />;

  const allowed: Record<Section, boolean> = {
    loai: canManageSettings(user),
    "mau-tra-loi": canManageSettings(user),
    "khoa-api": canManageApiKeys(user),
    "du-lieu-ca-nhan": canHandlePersonalData(user),
  };
  const sections = SECTIONS.filter((s) => allowed[s]);
  const asked = params.get("muc");
  const section: Section = sections.find((s) => s === asked) ?? sections[0] ?? "loai";
  const label: Record<Section, string> = {
    loai: ft("feedback.settings.categories"),
    "mau-tra-loi": ft("feedback.settings.templates"),
    "khoa-api": ft("feedback.settings.apiKeys"),
    "du-lieu-ca-nhan": ft("feedback.settings.personalData"),
  };

  return (
    <>
      <FeedbackCrumbs last={ft("feedback.settings.title")} />
      <Tabs
        activeKey={section}
        onChange={(key) => setParams(key === sections[0] ? {} : { muc: key }, { replace: true })}
        items={sections.map((s) => ({ key: s, label: label[s] }))}
      />
      {section === "loai" && <CategorySettings />}
      {section === "mau-tra-loi" && <TemplateSettings />}
      {section === "khoa-api" && <ApiKeySettings />}
      {section === "du-lieu-ca-nhan" && <PersonalDataSettings />}
    </>
  );
}
