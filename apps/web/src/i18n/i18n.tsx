import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { vi, type MessageKey, type Messages } from "./vi";
import { en } from "./en";

export type Language = "vi" | "en";

const catalogs: Record<Language, Messages> = { vi, en };
const STORAGE_KEY = "px.lang";

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** Replaces `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalogs[language][key], params);
}

type I18nContextValue = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** BCP 47 locale for Intl: vi-VN or en-GB (en-GB keeps dd/mm/yyyy). */
  locale: string;
};

const I18nContext = createContext<I18nContextValue | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18nContextValue>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      locale: language === "vi" ? "vi-VN" : "en-GB",
    }),
    [language, setLanguage],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
