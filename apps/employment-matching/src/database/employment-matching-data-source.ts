import { serviceDataSource } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Employment1764300000000 } from './migrations/1764300000000-employment';
import { MatchIndex1764300100000 } from './migrations/1764300100000-match-index';
import { ConsentScopeVocabulary1764900000000 } from './migrations/1764900000000-consent-scope-vocabulary';

/**
 * Entities and migrations of the employment_matching database, in order. Never edit a committed
 * migration. No entities: the service uses explicit SQL so that every row lock is visible.
 */
export const employmentMatchingDataSource = serviceDataSource('employment-matching', [
  MessagingTables1764201600000,
  Employment1764300000000,
  MatchIndex1764300100000,
  ConsentScopeVocabulary1764900000000,
]);
