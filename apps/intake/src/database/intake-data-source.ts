import type { ServiceDataSourceOptions } from '@reintegra/platform-database';
import { MessagingTables1764201600000 } from '@reintegra/platform-messaging';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';
import { Returnees1764201700000 } from './migrations/1764201700000-returnees';
import { ConsentsAndReferrals1764201800000 } from './migrations/1764201800000-consents-and-referrals';
import { ReturneeNameSearch1764201900000 } from './migrations/1764201900000-returnee-name-search';
import { VictimSupportReferrals1764202000000 } from './migrations/1764202000000-victim-support-referrals';
import { CaseLifecycle1764202100000 } from './migrations/1764202100000-case-lifecycle';
import { AssessmentsAndScores1764202200000 } from './migrations/1764202200000-assessments-and-scores';
import { Assessment, AssessmentScreening } from '../assessment/assessment.entities';
import { SustainabilityScore } from '../scoring/sustainability-score.entity';
import { ReturneeMerges1764202300000 } from './migrations/1764202300000-returnee-merges';
import { IntakeAuditLog1764202310000 } from './migrations/1764202310000-intake-audit-log';
import { CasePlansAndClosureProposals1764202320000 } from './migrations/1764202320000-case-plans-and-closure-proposals';
import { ReferralStatusTracking1764202330000 } from './migrations/1764202330000-referral-status-tracking';
import { FollowUpWavesDue1764202500000 } from './migrations/1764202500000-follow-up-waves-due';
import { CasePlan } from '../plans/case-plan.entity';
import { ListIndexes1764202400000 } from './migrations/1764202400000-list-indexes';
import { ReturneeVersion1764202410000 } from './migrations/1764202410000-returnee-version';
import { ArrivalTripsIndex1764202600000 } from './migrations/1764202600000-arrival-trips-index';
import { IdempotencyKeys1764202700000 } from './migrations/1764202700000-idempotency-keys';
import { VictimSupportDispatch1764202800000 } from './migrations/1764202800000-victim-support-dispatch';
import { ScreeningOutsideMunicipality1764202830000 } from './migrations/1764202830000-screening-outside-municipality';
import { CaseNotesAndDocuments1765600100000 } from './migrations/1765600100000-case-notes-and-documents';
import { CaseTransfers1765600200000 } from './migrations/1765600200000-case-transfers';
import { DuplicateCheckIndex1765600300000 } from './migrations/1765600300000-duplicate-check-index';
import { ArrivalLists1764202420000 } from './migrations/1764202420000-arrival-lists';
import { HouseholdsAndGuardians1765600000000 } from './migrations/1765600000000-households-and-guardians';
import { Consent } from '../consents/consent.entity';
import { Referral } from '../referrals/referral.entity';

/** Entities and migrations of the intake database, in order. Never edit a committed migration. */
export function intakeDataSource(url: string, poolSize?: number): ServiceDataSourceOptions {
  return {
    url,
    poolSize,
    applicationName: 'intake',
    entities: [
      Returnee,
      ReturnEpisode,
      Consent,
      Referral,
      Assessment,
      AssessmentScreening,
      SustainabilityScore,
      CasePlan,
    ],
    migrations: [
      MessagingTables1764201600000,
      Returnees1764201700000,
      ConsentsAndReferrals1764201800000,
      ReturneeNameSearch1764201900000,
      VictimSupportReferrals1764202000000,
      CaseLifecycle1764202100000,
      AssessmentsAndScores1764202200000,
      ReturneeMerges1764202300000,
      IntakeAuditLog1764202310000,
      CasePlansAndClosureProposals1764202320000,
      ReferralStatusTracking1764202330000,
      ListIndexes1764202400000,
      ReturneeVersion1764202410000,
      ArrivalLists1764202420000,
      FollowUpWavesDue1764202500000,
      ArrivalTripsIndex1764202600000,
      IdempotencyKeys1764202700000,
      VictimSupportDispatch1764202800000,
      ScreeningOutsideMunicipality1764202830000,
      HouseholdsAndGuardians1765600000000,
      CaseNotesAndDocuments1765600100000,
      CaseTransfers1765600200000,
      DuplicateCheckIndex1765600300000,
    ],
  };
}
