import {
  type Context,
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';

export type Language = 'es' | 'en';

/**
 * The i18n mechanism of the web apps: each app owns its messages (Spanish first, English second)
 * and gets a provider and a hook typed by them.
 */
export function createI18n<M>(messages: Record<Language, M>) {
  const LanguageContext: Context<{ language: Language; t: M }> = createContext({
    language: 'es' as Language,
    t: messages.es,
  });
  function LanguageProvider(props: { language: Language; children: ReactNode }) {
    return (
      <LanguageContext.Provider value={{ language: props.language, t: messages[props.language] }}>
        {props.children}
      </LanguageContext.Provider>
    );
  }
  const useI18n = () => useContext(LanguageContext);
  return { messages, LanguageProvider, useI18n };
}

/**
 * The interface language, remembered on this device (not personal data), reflected in
 * `<html lang>` so that screen readers pronounce it right.
 */
export function usePersistentLanguage(storageKey: string) {
  const [language, setLanguage] = useState<Language>(() =>
    localStorage.getItem(storageKey) === 'en' ? 'en' : 'es',
  );
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(storageKey, language);
  }, [language, storageKey]);
  const toggle = () => setLanguage((current) => (current === 'es' ? 'en' : 'es'));
  return { language, setLanguage, toggle };
}

const locale = (language: Language) => (language === 'es' ? 'es-SV' : 'en-US');

/** Dates and times in the interface language, El Salvador's time zone. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/El_Salvador',
  }).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD) or an instant, as a date. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeZone: value.length === 10 ? 'UTC' : 'America/El_Salvador',
  }).format(new Date(value));
}

/** The label of a code in a dictionary, or the code itself when it has none. */
export const label = (dictionary: Record<string, string>, key: string | null | undefined) =>
  key ? (dictionary[key] ?? key) : '—';
