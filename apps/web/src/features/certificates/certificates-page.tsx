import type { ReactNode } from "react";
import { Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { PageHeader } from "../../components/page-header";
import { ForbiddenPage } from "../../components/admin-list-page";
import { ApplicationsTab } from "./applications-tab";
import { CertificatesTab } from "./certificates-tab";
import { CriteriaTab } from "./criteria-tab";
import { OcopTab } from "./ocop-tab";
import { canKeepCertificates } from "./certificate-rules";
import { STAFF_TABS, slugOfTab, tabOfSlug, type StaffTab } from "./certificate-paths";
import { useCertificatesT } from "./messages";
import "./certificates.css";

/**
 * /san-pham-xanh — Phòng Kinh tế's green products: applications and their review, the
 * certificates issued (with their QR codes), the criteria, and the ward's OCOP products. The tab
 * is in the address (`?muc=`), so a link or a reload lands on it.
 */
export default function CertificatesPage() {
  const t = useCertificatesT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = tabOfSlug(params.get("muc"));
  if (!canKeepCertificates(user)) return <ForbiddenPage title={t("cert.title")} />;
  const items: { key: StaffTab; label: string; children: ReactNode }[] = [
    { key: "applications", label: t("cert.tab.applications"), children: <ApplicationsTab /> },
    { key: "certificates", label: t("cert.tab.certificates"), children: <CertificatesTab /> },
    { key: "criteria", label: t("cert.tab.criteria"), children: <CriteriaTab /> },
    { key: "ocop", label: t("cert.tab.ocop"), children: <OcopTab /> },
  ];
  return (
    <>
      <PageHeader title={t("cert.title")} />
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => {
          const next = STAFF_TABS.find((candidate) => candidate === key) ?? "applications";
          setParams(next === "applications" ? {} : { muc: slugOfTab(next) });
        }}
        items={items}
      />
    </>
  );
}
