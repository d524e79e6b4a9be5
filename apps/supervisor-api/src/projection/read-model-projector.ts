import {
  assessmentCompletedV1,
  type AssessmentCompletedV1,
  attendanceAtRiskV1,
  caseClosedV1,
  type CaseClosedV1,
  type CaseStatus,
  caseStatusChangedV1,
  type CaseStatusChangedV1,
  closureProposedV1,
  type ClosureProposedV1,
  consentGrantedV1,
  consentWithdrawnV1,
  enrolmentStatusChangedV1,
  type EnrolmentStatusChangedV1,
  episodeOpenedV1,
  type EpisodeOpenedV1,
  type EventEnvelope,
  followUpDueV1,
  type FollowUpDueV1,
  pathPhaseChangedV1,
  type PathPhaseChangedV1,
  planApprovedV1,
  type PlanApprovedV1,
  planSubmittedV1,
  type PlanSubmittedV1,
  referralEscalatedV1,
  type ReferralEscalatedV1,
  referralProposedV1,
  referralRequestedV1,
  type ReferralRequestedV1,
  referralRevokedV1,
  type ReferralRevokedV1,
  referralRoutedV1,
  type ReferralRoutedV1,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
  returneeRegisteredV1,
  type ReturneeRegisteredV1,
  returneesMergedV1,
  type ReturneesMergedV1,
  scoreComputedV1,
  type ScoreComputedV1,
  type SustainabilityScores,
} from '@reintegra/event-contracts';
import { type ProviderStandings, referralStatusOf, withStanding } from './referral-status';

/** What the projector needs of a database connection (a TypeORM EntityManager in a transaction). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Something the live dashboard should hear about at once (server-sent events). */
export interface ProjectedAlert {
  readonly kind: 'escalation';
  readonly id: string;
  readonly caseId: string;
  readonly referralId: string;
  readonly municipalityCode: string | null;
  readonly service: string;
  readonly priority: string;
  readonly escalation: number;
  readonly occurredAt: string;
}

/** Case status as a path phase (intake's `open` is the path's `intake`). */
const PHASE_OF_STATUS: Record<CaseStatus, string> = {
  open: 'intake',
  assessed: 'assessed',
  'plan-approved': 'plan-approved',
  'in-services': 'in-services',
  'follow-up': 'follow-up',
  closed: 'closed',
};

const VICTIM_SUPPORT = 'victim-support';

type Handler = (db: Queryable, event: EventEnvelope) => Promise<ProjectedAlert[] | void>;

/**
 * Applies one event to the read model. Events of different topics arrive in any order (only one
 * case's events on one topic keep theirs), so every write is an upsert that keeps the latest fact
 * by its own time, and rows are created by whichever event comes first. Victim-support
 * referrals keep status and dates only: provider and reason codes are never stored for them.
 */
export class ReadModelProjector {
  private readonly handlers: Record<string, Handler> = {
    [returneeRegisteredV1.type]: (db, e) =>
      this.caseOpened(db, e as EventEnvelope<ReturneeRegisteredV1>, {
        ...(e as EventEnvelope<ReturneeRegisteredV1>).data,
        openedAt: (e as EventEnvelope<ReturneeRegisteredV1>).data.registeredAt,
      }),
    [episodeOpenedV1.type]: (db, e) =>
      this.caseOpened(db, e, (e as EventEnvelope<EpisodeOpenedV1>).data),
    [returneesMergedV1.type]: (db, e) => this.merged(db, e as EventEnvelope<ReturneesMergedV1>),
    [assessmentCompletedV1.type]: (db, e) =>
      this.assessed(db, e as EventEnvelope<AssessmentCompletedV1>),
    [scoreComputedV1.type]: (db, e) => this.scored(db, e as EventEnvelope<ScoreComputedV1>),
    [planSubmittedV1.type]: (db, e) => this.planSubmitted(db, e as EventEnvelope<PlanSubmittedV1>),
    [planApprovedV1.type]: (db, e) => this.planApproved(db, e as EventEnvelope<PlanApprovedV1>),
    [caseStatusChangedV1.type]: (db, e) =>
      this.statusChanged(db, e as EventEnvelope<CaseStatusChangedV1>),
    [closureProposedV1.type]: (db, e) =>
      this.closureProposed(db, e as EventEnvelope<ClosureProposedV1>),
    [caseClosedV1.type]: (db, e) => this.closed(db, e as EventEnvelope<CaseClosedV1>),
    [consentGrantedV1.type]: (db, e) => this.timelineOnly(db, e),
    [consentWithdrawnV1.type]: (db, e) => this.timelineOnly(db, e),
    [referralRequestedV1.type]: (db, e) =>
      this.referralRequested(db, e as EventEnvelope<ReferralRequestedV1>),
    [referralRevokedV1.type]: (db, e) =>
      this.referralRevoked(db, e as EventEnvelope<ReferralRevokedV1>),
    [referralStatusChangedV1.type]: (db, e) =>
      this.referralStatus(db, e as EventEnvelope<ReferralStatusChangedV1>),
    [enrolmentStatusChangedV1.type]: (db, e) =>
      this.enrolment(db, e as EventEnvelope<EnrolmentStatusChangedV1>),
    [attendanceAtRiskV1.type]: (db, e) => this.timelineOnly(db, e),
    [pathPhaseChangedV1.type]: (db, e) =>
      this.phaseChanged(db, e as EventEnvelope<PathPhaseChangedV1>),
    [referralEscalatedV1.type]: (db, e) =>
      this.escalated(db, e as EventEnvelope<ReferralEscalatedV1>),
    [referralRoutedV1.type]: (db, e) => this.routed(db, e as EventEnvelope<ReferralRoutedV1>),
    [followUpDueV1.type]: (db, e) => this.followUpDue(db, e as EventEnvelope<FollowUpDueV1>),
    [referralProposedV1.type]: (db, e) => this.timelineOnly(db, e),
  };

  /** Event types the read model uses; the rest (victim-support by reference, capacity) are skipped. */
  handles(type: string): boolean {
    return type in this.handlers;
  }

  async apply(db: Queryable, event: EventEnvelope): Promise<ProjectedAlert[]> {
    const handler = this.handlers[event.type];
    if (!handler) return [];
    return (await handler(db, event)) ?? [];
  }

  // ---- cases ----

  private async caseOpened(
    db: Queryable,
    event: EventEnvelope,
    data: Omit<EpisodeOpenedV1, 'previousCaseId' | 'episodeNumber'> & { episodeNumber: number },
  ) {
    await db.query(
      `INSERT INTO cases (case_id, returnee_id, episode_number, municipality_code, district_code,
                          minor, return_date, country_returned_from, registered_at, registered_by,
                          status, phase_at, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open', $9, $9)
       ON CONFLICT (case_id) DO UPDATE SET
         returnee_id = EXCLUDED.returnee_id, episode_number = EXCLUDED.episode_number,
         municipality_code = EXCLUDED.municipality_code, district_code = EXCLUDED.district_code,
         minor = EXCLUDED.minor, return_date = EXCLUDED.return_date,
         country_returned_from = EXCLUDED.country_returned_from,
         registered_at = EXCLUDED.registered_at, registered_by = EXCLUDED.registered_by,
         status = coalesce(cases.status, 'open'), phase_at = coalesce(cases.phase_at, EXCLUDED.phase_at)`,
      [
        data.caseId,
        data.returneeId,
        data.episodeNumber,
        data.municipalityCode,
        data.districtCode ?? null,
        data.minor,
        data.returnDate,
        data.countryReturnedFrom,
        data.openedAt,
        event.actor,
      ],
    );
    // Referrals seen before the case (another topic) learn its municipality now.
    await db.query(
      `UPDATE referrals SET municipality_code = $2 WHERE case_id = $1 AND municipality_code IS NULL`,
      [data.caseId, data.municipalityCode],
    );
    await this.record(db, event, data.caseId, event.data);
  }

  private async merged(db: Queryable, event: EventEnvelope<ReturneesMergedV1>) {
    const { survivingReturneeId, movedCaseIds } = event.data;
    for (const caseId of movedCaseIds) {
      await this.touchCase(db, caseId, event.time);
      await db.query(`UPDATE cases SET returnee_id = $2 WHERE case_id = $1`, [
        caseId,
        survivingReturneeId,
      ]);
      await this.record(db, event, caseId, event.data);
    }
  }

  private async assessed(db: Queryable, event: EventEnvelope<AssessmentCompletedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(`UPDATE cases SET risk_level = $2 WHERE case_id = $1`, [
      data.caseId,
      data.riskLevel,
    ]);
    await this.storeScores(
      db,
      data.assessmentId,
      data.caseId,
      data.wave,
      data.scores,
      data.completedAt,
      false,
    );
    if (data.wave !== undefined)
      await this.followUpDone(db, data.caseId, data.wave, data.completedAt);
    await this.record(db, event, data.caseId, data);
  }

  private async scored(db: Queryable, event: EventEnvelope<ScoreComputedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    // A re-score under new weights replaces the figures of the same assessment.
    await this.storeScores(
      db,
      data.assessmentId,
      data.caseId,
      data.wave,
      data.scores,
      data.computedAt,
      true,
    );
    if (data.purpose === 'follow-up' && data.wave !== undefined)
      await this.followUpDone(db, data.caseId, data.wave, data.computedAt);
    await this.record(db, event, data.caseId, data);
  }

  private async storeScores(
    db: Queryable,
    assessmentId: string,
    caseId: string,
    wave: number | undefined,
    scores: SustainabilityScores,
    at: string,
    replace: boolean,
  ) {
    await db.query(
      `INSERT INTO scores (assessment_id, case_id, wave, economic, social, psychosocial, composite, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (assessment_id) DO ${
         replace
           ? `UPDATE SET economic = EXCLUDED.economic, social = EXCLUDED.social,
                psychosocial = EXCLUDED.psychosocial, composite = EXCLUDED.composite,
                computed_at = EXCLUDED.computed_at
              WHERE scores.computed_at <= EXCLUDED.computed_at`
           : 'NOTHING'
       }`,
      [
        assessmentId,
        caseId,
        wave ?? 0,
        scores.economic ?? null,
        scores.social ?? null,
        scores.psychosocial ?? null,
        scores.composite ?? null,
        at,
      ],
    );
  }

  private async followUpDone(db: Queryable, caseId: string, wave: number, at: string) {
    await db.query(
      `INSERT INTO follow_ups (case_id, wave, completed_at) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, wave) DO UPDATE SET completed_at = coalesce(follow_ups.completed_at, EXCLUDED.completed_at)`,
      [caseId, wave, at],
    );
  }

  private async planSubmitted(db: Queryable, event: EventEnvelope<PlanSubmittedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    // A newer version resubmitted replaces the pending one; an approved version stays approved.
    await db.query(
      `UPDATE cases SET plan_id = $2, plan_version = $3, plan_status = 'submitted',
              plan_submitted_at = $4, plan_submitted_by = $5, plan_goal_dimensions = $6,
              plan_proposed_referrals = $7
        WHERE case_id = $1 AND (plan_version IS NULL OR plan_version < $3
              OR (plan_version = $3 AND plan_status IS DISTINCT FROM 'approved'))`,
      [
        data.caseId,
        data.planId,
        data.planVersion,
        data.submittedAt,
        data.submittedBy,
        data.goalDimensions,
        data.proposedReferrals,
      ],
    );
    await this.record(db, event, data.caseId, data);
  }

  private async planApproved(db: Queryable, event: EventEnvelope<PlanApprovedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(
      `UPDATE cases SET plan_id = $2, plan_version = $3, plan_status = 'approved',
              plan_approved_at = $4, plan_goal_dimensions = $5, plan_proposed_referrals = $6,
              assigned_officer = coalesce($7, assigned_officer)
        WHERE case_id = $1 AND (plan_version IS NULL OR plan_version <= $3)`,
      [
        data.caseId,
        data.planId,
        data.planVersion,
        data.approvedAt,
        data.goalDimensions,
        data.proposedReferrals,
        data.assignedOfficer ?? null,
      ],
    );
    await this.record(db, event, data.caseId, data);
  }

  private async statusChanged(db: Queryable, event: EventEnvelope<CaseStatusChangedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(`UPDATE cases SET status = $2 WHERE case_id = $1`, [data.caseId, data.to]);
    await this.movePhase(db, data.caseId, PHASE_OF_STATUS[data.to], data.changedAt);
    await this.record(db, event, data.caseId, data);
  }

  private async phaseChanged(db: Queryable, event: EventEnvelope<PathPhaseChangedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await this.movePhase(db, data.caseId, data.to, data.occurredAt);
    await this.record(db, event, data.caseId, data);
  }

  /** Intake's status and the path's phase both move the phase; the later fact wins. */
  private async movePhase(db: Queryable, caseId: string, phase: string, at: string) {
    await db.query(
      `UPDATE cases SET phase = $2, phase_at = $3
        WHERE case_id = $1 AND (phase_at IS NULL OR phase_at <= $3) AND phase <> 'closed'`,
      [caseId, phase, at],
    );
  }

  private async closureProposed(db: Queryable, event: EventEnvelope<ClosureProposedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(
      `UPDATE cases SET closure_proposed_reason = $2, closure_proposed_at = $3, closure_proposed_by = $4
        WHERE case_id = $1 AND closed_at IS NULL`,
      [data.caseId, data.reason, data.proposedAt, data.proposedBy],
    );
    await this.record(db, event, data.caseId, data);
  }

  private async closed(db: Queryable, event: EventEnvelope<CaseClosedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(
      `UPDATE cases SET closed_at = $2, closure_reason = $3, status = 'closed', phase = 'closed',
              phase_at = $2
        WHERE case_id = $1`,
      [data.caseId, data.closedAt, data.reason],
    );
    await this.record(db, event, data.caseId, data);
  }

  private async followUpDue(db: Queryable, event: EventEnvelope<FollowUpDueV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await db.query(
      `INSERT INTO follow_ups (case_id, wave, due_at, assigned_officer) VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id, wave) DO UPDATE SET due_at = EXCLUDED.due_at,
         assigned_officer = coalesce(EXCLUDED.assigned_officer, follow_ups.assigned_officer)`,
      [data.caseId, data.wave, data.dueAt, data.assignedOfficer ?? null],
    );
    if (data.assignedOfficer) {
      await db.query(
        `UPDATE cases SET assigned_officer = $2 WHERE case_id = $1 AND assigned_officer IS NULL`,
        [data.caseId, data.assignedOfficer],
      );
    }
    await this.record(db, event, data.caseId, data);
  }

  private async timelineOnly(db: Queryable, event: EventEnvelope) {
    const caseId = (event.data as { caseId: string }).caseId;
    await this.touchCase(db, caseId, event.time);
    await this.record(db, event, caseId, event.data);
  }

  // ---- referrals ----

  private async referralRequested(db: Queryable, event: EventEnvelope<ReferralRequestedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    const confidential = data.service === VICTIM_SUPPORT;
    await db.query(
      `INSERT INTO referrals (referral_id, case_id, municipality_code, service, priority, provider_ids,
                              requested_at, acknowledge_by, deadline_set_at, updated_at)
       VALUES ($1, $2, (SELECT municipality_code FROM cases WHERE case_id = $2), $3, $4, $5, $6, $7, $6, $6)
       ON CONFLICT (referral_id) DO UPDATE SET
         service = EXCLUDED.service, priority = EXCLUDED.priority, requested_at = EXCLUDED.requested_at,
         provider_ids = (SELECT array_agg(DISTINCT p) FROM unnest(referrals.provider_ids || EXCLUDED.provider_ids) p),
         acknowledge_by = coalesce(referrals.acknowledge_by, EXCLUDED.acknowledge_by),
         deadline_set_at = coalesce(referrals.deadline_set_at, EXCLUDED.deadline_set_at)`,
      [
        data.referralId,
        data.caseId,
        data.service,
        data.priority,
        confidential ? [] : data.providerIds,
        data.requestedAt,
        data.acknowledgeBy,
      ],
    );
    await this.record(
      db,
      event,
      data.caseId,
      confidential ? confidentialView(data, { status: 'requested' }) : data,
    );
  }

  private async referralRevoked(db: Queryable, event: EventEnvelope<ReferralRevokedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    const referral = await this.referral(db, data.referralId, data.caseId, data.revokedAt);
    await db.query(`UPDATE referrals SET revoked_at = $2 WHERE referral_id = $1`, [
      data.referralId,
      data.revokedAt,
    ]);
    await this.restate(db, data.referralId, referral.providers, true, data.revokedAt);
    await this.record(
      db,
      event,
      data.caseId,
      referral.service === VICTIM_SUPPORT ? confidentialView(data, { status: 'revoked' }) : data,
    );
  }

  private async referralStatus(db: Queryable, event: EventEnvelope<ReferralStatusChangedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    const referral = await this.referral(db, data.referralId, data.caseId, data.occurredAt);
    const confidential = data.service === VICTIM_SUPPORT;
    if (referral.service === null) {
      await db.query(`UPDATE referrals SET service = $2 WHERE referral_id = $1`, [
        data.referralId,
        data.service,
      ]);
    }
    const providers = withStanding(referral.providers, data.providerId, {
      status: data.status,
      at: data.occurredAt,
      ...(data.reasonCode && !confidential ? { reasonCode: data.reasonCode } : {}),
    });
    if (['accepted', 'in-progress', 'completed', 'not-completed'].includes(data.status)) {
      await db.query(
        `UPDATE referrals SET accepted_at = coalesce(accepted_at, $2),
                accepted_by = coalesce(accepted_by, $3)
          WHERE referral_id = $1`,
        [data.referralId, data.occurredAt, confidential ? null : data.providerId],
      );
    }
    if (data.status === 'completed') {
      await db.query(`UPDATE referrals SET completed_at = $2 WHERE referral_id = $1`, [
        data.referralId,
        data.occurredAt,
      ]);
    }
    await this.restate(db, data.referralId, providers, referral.revoked, data.occurredAt);
    await this.record(
      db,
      event,
      data.caseId,
      confidential ? confidentialView(data, { status: data.status }) : data,
    );
  }

  private async routed(db: Queryable, event: EventEnvelope<ReferralRoutedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    const referral = await this.referral(db, data.referralId, data.caseId, data.occurredAt);
    const confidential = data.service === VICTIM_SUPPORT;
    const providers = withStanding(referral.providers, data.providerId, {
      status: data.action === 'withdrawn' ? 'withdrawn' : 'sent',
      at: data.occurredAt,
    });
    if (data.action !== 'withdrawn') {
      // A re-route starts a new acknowledgement deadline with the next provider.
      await db.query(
        `UPDATE referrals SET
           provider_ids = CASE WHEN $3 THEN provider_ids
                               ELSE (SELECT array_agg(DISTINCT p) FROM unnest(provider_ids || ARRAY[$2]) p) END,
           acknowledge_by = CASE WHEN $4::timestamptz IS NOT NULL AND (deadline_set_at IS NULL OR deadline_set_at <= $7)
                                 THEN $4 ELSE acknowledge_by END,
           deadline_set_at = CASE WHEN $4::timestamptz IS NOT NULL THEN greatest(deadline_set_at, $7::timestamptz)
                                  ELSE deadline_set_at END,
           priority = coalesce(priority, $5), service = coalesce(service, $6)
         WHERE referral_id = $1`,
        [
          data.referralId,
          data.providerId,
          confidential,
          data.acknowledgeBy ?? null,
          data.priority,
          data.service,
          data.occurredAt,
        ],
      );
    }
    await this.restate(db, data.referralId, providers, referral.revoked, data.occurredAt);
    await this.record(
      db,
      event,
      data.caseId,
      confidential ? confidentialView(data, { status: data.action }) : data,
    );
  }

  private async escalated(
    db: Queryable,
    event: EventEnvelope<ReferralEscalatedV1>,
  ): Promise<ProjectedAlert[]> {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    await this.referral(db, data.referralId, data.caseId, data.escalatedAt);
    const rows = (await db.query(
      `UPDATE referrals SET escalations = greatest(escalations, $2),
              last_escalated_at = greatest(last_escalated_at, $3::timestamptz),
              service = coalesce(service, $4), priority = coalesce(priority, $5)
        WHERE referral_id = $1
        RETURNING municipality_code AS "municipalityCode"`,
      [data.referralId, data.escalation, data.escalatedAt, data.service, data.priority],
    )) as [{ municipalityCode: string | null }[], number];
    const confidential = data.service === VICTIM_SUPPORT;
    await this.record(
      db,
      event,
      data.caseId,
      confidential ? confidentialView(data, { escalation: data.escalation }) : data,
    );
    return [
      {
        kind: 'escalation',
        id: event.id,
        caseId: data.caseId,
        referralId: data.referralId,
        municipalityCode: rows[0]?.[0]?.municipalityCode ?? null,
        service: data.service,
        priority: data.priority,
        escalation: data.escalation,
        occurredAt: data.escalatedAt,
      },
    ];
  }

  private async enrolment(db: Queryable, event: EventEnvelope<EnrolmentStatusChangedV1>) {
    const { data } = event;
    await this.touchCase(db, data.caseId, event.time);
    const enrolled = ['enrolled', 'attending', 'completed'].includes(data.status);
    await db.query(
      `INSERT INTO enrolments (enrolment_id, case_id, provider_id, status, enrolled_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (enrolment_id) DO UPDATE SET
         status = CASE WHEN enrolments.updated_at <= EXCLUDED.updated_at THEN EXCLUDED.status ELSE enrolments.status END,
         enrolled_at = least(enrolments.enrolled_at, EXCLUDED.enrolled_at),
         updated_at = greatest(enrolments.updated_at, EXCLUDED.updated_at)`,
      [
        data.enrolmentId,
        data.caseId,
        data.providerId,
        data.status,
        enrolled ? data.occurredAt : null,
        data.occurredAt,
      ],
    );
    await this.record(db, event, data.caseId, data);
  }

  /** The referral row, created from whichever of its events arrives first. */
  private async referral(
    db: Queryable,
    referralId: string,
    caseId: string,
    at: string,
  ): Promise<{ providers: ProviderStandings; revoked: boolean; service: string | null }> {
    await db.query(
      `INSERT INTO referrals (referral_id, case_id, municipality_code, updated_at)
       VALUES ($1, $2, (SELECT municipality_code FROM cases WHERE case_id = $2), $3)
       ON CONFLICT (referral_id) DO NOTHING`,
      [referralId, caseId, at],
    );
    const rows = (await db.query(
      `SELECT providers, revoked_at IS NOT NULL AS revoked, service FROM referrals
        WHERE referral_id = $1 FOR UPDATE`,
      [referralId],
    )) as { providers: ProviderStandings; revoked: boolean; service: string | null }[];
    const row = rows[0];
    if (!row) throw new Error(`referral ${referralId} vanished during projection`);
    return row;
  }

  private async restate(
    db: Queryable,
    referralId: string,
    providers: ProviderStandings,
    revoked: boolean,
    at: string,
  ) {
    const { status, reasonCode } = referralStatusOf(providers, revoked);
    await db.query(
      `UPDATE referrals SET providers = $2, status = $3, reason_code = $4,
              updated_at = greatest(updated_at, $5::timestamptz)
        WHERE referral_id = $1`,
      [referralId, JSON.stringify(providers), status, reasonCode ?? null, at],
    );
  }

  // ---- shared ----

  /** Ensures the case row exists (an event may precede the registration) and notes activity. */
  private async touchCase(db: Queryable, caseId: string, at: string) {
    await db.query(
      `INSERT INTO cases (case_id, last_event_at) VALUES ($1, $2)
       ON CONFLICT (case_id) DO UPDATE SET last_event_at = greatest(cases.last_event_at, EXCLUDED.last_event_at)`,
      [caseId, at],
    );
  }

  private async record(db: Queryable, event: EventEnvelope, caseId: string, data: unknown) {
    await db.query(
      `INSERT INTO case_events (event_id, case_id, type, occurred_at, actor, data)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, case_id) DO NOTHING`,
      [event.id, caseId, event.type, event.time, event.actor, JSON.stringify(data)],
    );
  }
}

/** What the dashboard may keep of a victim-support referral event: the status, never details. */
function confidentialView(
  data: { referralId: string; caseId: string },
  extra: Record<string, string | number>,
) {
  return { referralId: data.referralId, caseId: data.caseId, service: VICTIM_SUPPORT, ...extra };
}
