import type { ReactNode } from "react";
import { useEffect } from "react";
import { useI18n } from "../i18n/i18n";

/** The page's one h1, optional tags beside it and actions on the right; also sets the tab title. */
export function PageHeader({ title, extra, tags }: { title: string; extra?: ReactNode; tags?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t("app.name")}`;
  }, [title, t]);
  return (
    <div className="staff-page-header">
      <h1>{title}</h1>
      {tags}
      {extra && <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>{extra}</div>}
    </div>
  );
}
