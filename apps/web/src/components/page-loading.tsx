import { useT } from "../i18n/i18n";

/** Shown while a page's chunk or data loads; plain markup so it needs no UI library. */
export function PageLoading() {
  const t = useT();
  return (
    <div className="px-page-loading" role="status" aria-live="polite">
      <span className="px-spinner" aria-hidden="true" />
      <span>{t("common.loading")}</span>
    </div>
  );
}
