import {
  followUpDueV1,
  pathPhaseChangedV1,
  referralEscalatedV1,
  referralProposedV1,
  referralRoutedV1,
} from '@reintegra/event-contracts';
import {
  lockReferral,
  movePhase,
  project,
  projectCaseFact,
  type ProjectedAlert,
  type Projections,
  recordReferral,
  restateStanding,
  timelineOnly,
  touchCase,
  VICTIM_SUPPORT,
} from './projection-core';

/**
 * The orchestrator's path events: phase changes, routing and escalation of referrals (an
 * escalation is also a live alert) and follow-up waves. Victim-support referrals keep status and
 * dates only: provider and reason codes are never stored for them.
 */
export const pathEventsProjections: Projections = {
  ...projectCaseFact(pathPhaseChangedV1, (db, data) =>
    movePhase(db, data.caseId, data.to, data.occurredAt),
  ),

  ...project(referralEscalatedV1, async (db, event): Promise<ProjectedAlert[]> => {
    const { data } = event;
    await touchCase(db, data.caseId, event.time);
    await lockReferral(db, data.referralId, data.caseId, data.escalatedAt);
    const rows = (await db.query(
      `UPDATE referrals SET escalations = greatest(escalations, $2),
              last_escalated_at = greatest(last_escalated_at, $3::timestamptz),
              service = coalesce(service, $4), priority = coalesce(priority, $5)
        WHERE referral_id = $1
        RETURNING municipality_code AS "municipalityCode"`,
      [data.referralId, data.escalation, data.escalatedAt, data.service, data.priority],
    )) as [{ municipalityCode: string | null }[], number];
    await recordReferral(db, event, data, data.service === VICTIM_SUPPORT, {
      escalation: data.escalation,
    });
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
  }),

  ...project(referralRoutedV1, async (db, event) => {
    const { data } = event;
    await touchCase(db, data.caseId, event.time);
    const referral = await lockReferral(db, data.referralId, data.caseId, data.occurredAt);
    const confidential = data.service === VICTIM_SUPPORT;
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
    await restateStanding(db, data.referralId, referral, data.providerId, {
      status: data.action === 'withdrawn' ? 'withdrawn' : 'sent',
      at: data.occurredAt,
    });
    await recordReferral(db, event, data, confidential, { status: data.action });
  }),

  ...projectCaseFact(followUpDueV1, async (db, data) => {
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
  }),

  ...project(referralProposedV1, timelineOnly),
};
