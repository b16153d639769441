import { Segmented } from "antd";
import { useI18n, type Language } from "../i18n/i18n";

/** VI / EN for the signed-in pages' header. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t("common.language")}
      value={language}
      onChange={(value) => setLanguage(value)}
      options={[
        { label: "VI", value: "vi" },
        { label: "EN", value: "en" },
      ]}
    />
  );
}
