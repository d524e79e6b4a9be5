import { serviceDataSource } from '@reintegra/platform-database';
import { ReadModel1765100000000 } from './migrations/1765100000000-read-model';
import { ReferralDeadlineSetAt1765100100000 } from './migrations/1765100100000-referral-deadline-set-at';
import { ReferralFilterIndex1765100200000 } from './migrations/1765100200000-referral-filter-index';
import { CommunityInclusion1765100300000 } from './migrations/1765100300000-community-inclusion';
import { PathActionsAudit1765600210000 } from './migrations/1765600210000-path-actions-audit';
import { CaseAwaitingDeadline1765700100000 } from './migrations/1765700100000-case-awaiting-deadline';

/**
 * Migrations of the supervisor database: only the read model, which is projected from Kafka and
 * can be rebuilt from the topics at any time (`main.js rebuild-read-model`). No entities: the
 * projection and the dashboard queries are explicit SQL.
 */
export const supervisorDataSource = serviceDataSource('supervisor-api', [
  ReadModel1765100000000,
  ReferralDeadlineSetAt1765100100000,
  ReferralFilterIndex1765100200000,
  CommunityInclusion1765100300000,
  PathActionsAudit1765600210000,
  CaseAwaitingDeadline1765700100000,
]);

/** The projected tables, swapped as a whole by a rebuild (migrations create them unqualified). */
export const READ_MODEL_TABLES = [
  'projection_positions',
  'cases',
  'case_events',
  'referrals',
  'follow_ups',
  'scores',
  'enrolments',
  'community_activities',
  'community_participations',
] as const;
