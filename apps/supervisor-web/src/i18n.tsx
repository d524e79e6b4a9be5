import { createI18n } from '@reintegra/ui-web';
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

export { formatDate, formatDateTime, label, type Language } from '@reintegra/ui-web';

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

// The provider, the hook and the date and label helpers are the shared ones of libs/ui-web.
export const { messages, LanguageProvider, useI18n } = createI18n({ es, en });
