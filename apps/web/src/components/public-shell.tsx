import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n";
import { LanguageToggle } from "../features/public/language-toggle";

/**
 * The frame of the pages shown without signing in (public plan, login): brand, language toggle
 * and any further links in the top bar, then the page. Plain markup: these chunks load no antd.
 */
export function PublicShell({
  className,
  nav,
  children,
}: {
  className?: string;
  nav?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={className ? `pub ${className}` : "pub"}>
      <header className="pub-topbar">
        <span className="pub-brand">
          <span className="pub-logo" aria-hidden="true" />
          {t("app.name")}
        </span>
        <nav className="pub-topnav" aria-label={t("public.navLabel")}>
          <LanguageToggle />
          {nav}
        </nav>
      </header>
      {children}
    </div>
  );
}
