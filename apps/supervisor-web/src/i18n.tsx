import { createContext, type ReactNode, useContext } from 'react';
import { appEn, appEs } from './messages/app';
import { overviewEn, overviewEs } from './messages/overview';
import { casesEn, casesEs } from './messages/cases';
import { casePageEn, casePageEs } from './messages/case-page';
import { approvalsEn, approvalsEs } from './messages/approvals';
import { caseloadEn, caseloadEs } from './messages/caseload';
import { communityEn, communityEs } from './messages/community';
import { indicatorsEn, indicatorsEs } from './messages/indicators';
import { pathActionsEn, pathActionsEs } from './messages/path-actions';
import { vocabularyEn, vocabularyEs } from './messages/vocabulary';

export type Language = 'es' | 'en';

const es = {
  ...appEs,
  overview: overviewEs,
  cases: casesEs,
  casePage: casePageEs,
  approvals: approvalsEs,
  caseload: caseloadEs,
  indicators: indicatorsEs,
  community: communityEs,
  pathActions: pathActionsEs,
  ...vocabularyEs,
};

export type Messages = typeof es;

const en: Messages = {
  ...appEn,
  overview: overviewEn,
  cases: casesEn,
  casePage: casePageEn,
  approvals: approvalsEn,
  caseload: caseloadEn,
  indicators: indicatorsEn,
  community: communityEn,
  pathActions: pathActionsEn,
  ...vocabularyEn,
};

export const messages: Record<Language, Messages> = { es, en };

const LanguageContext = createContext<{ language: Language; t: Messages }>({
  language: 'es',
  t: es,
});

export function LanguageProvider(props: { language: Language; children: ReactNode }) {
  return (
    <LanguageContext.Provider value={{ language: props.language, t: messages[props.language] }}>
      {props.children}
    </LanguageContext.Provider>
  );
}

export const useI18n = () => useContext(LanguageContext);

/** Dates and numbers in the interface language (es-SV / en-US), El Salvador's time zone. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language === 'es' ? 'es-SV' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/El_Salvador',
  }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(language === 'es' ? 'es-SV' : 'en-US', {
    dateStyle: 'medium',
    timeZone: value.length === 10 ? 'UTC' : 'America/El_Salvador',
  }).format(new Date(value));
}

export const label = (dictionary: Record<string, string>, key: string | null | undefined) =>
  key ? (dictionary[key] ?? key) : '—';
