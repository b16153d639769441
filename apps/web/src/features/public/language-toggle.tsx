import { useI18n } from "../../i18n/i18n";

/** VI / EN switch for the plain-React pages (the staff app uses antd's Segmented). */
export function LanguageToggle() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="pub-lang" role="group" aria-label={t("common.language")}>
      {(["vi", "en"] as const).map((code) => (
        <button
          key={code}
          type="button"
          className="pub-lang-button"
          aria-pressed={language === code}
          onClick={() => setLanguage(code)}
          lang={code}
        >
          {code === "vi" ? "VI" : "EN"}
        </button>
      ))}
    </div>
  );
}
