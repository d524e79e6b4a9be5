import {
  assessmentCompletedV1,
  caseClosedV1,
  type CaseStatus,
  caseStatusChangedV1,
  closureProposedV1,
  episodeOpenedV1,
  type EpisodeOpenedV1,
  type EventEnvelope,
  planApprovedV1,
  planSubmittedV1,
  returneeRegisteredV1,
  returneesMergedV1,
  scoreComputedV1,
  type SustainabilityScores,
} from '@reintegra/event-contracts';
import {
  movePhase,
  project,
  projectCaseFact,
  type Projections,
  type Queryable,
  record,
  touchCase,
} from './projection-core';

/** Case status as a path phase (intake's `open` is the path's `intake`). */
const PHASE_OF_STATUS: Record<CaseStatus, string> = {
  open: 'intake',
  assessed: 'assessed',
  'plan-approved': 'plan-approved',
  'in-services': 'in-services',
  'follow-up': 'follow-up',
  closed: 'closed',
};

/** Intake's returnees topic: registrations and episodes, merges, assessments, plans, status, closure. */
export const intakeReturneesProjections: Projections = {
  ...project(returneeRegisteredV1, (db, event) =>
    caseOpened(db, event, { ...event.data, openedAt: event.data.registeredAt }),
  ),
  ...project(episodeOpenedV1, (db, event) => caseOpened(db, event, event.data)),

  ...project(returneesMergedV1, async (db, event) => {
    const { survivingReturneeId, movedCaseIds } = event.data;
    for (const caseId of movedCaseIds) {
      await touchCase(db, caseId, event.time);
      await db.query(`UPDATE cases SET returnee_id = $2 WHERE case_id = $1`, [
        caseId,
        survivingReturneeId,
      ]);
      await record(db, event, caseId, event.data);
    }
  }),

  ...projectCaseFact(assessmentCompletedV1, async (db, data) => {
    await db.query(`UPDATE cases SET risk_level = $2 WHERE case_id = $1`, [
      data.caseId,
      data.riskLevel,
    ]);
    await storeScores(db, data, data.completedAt, false);
    if (data.wave !== undefined) await followUpDone(db, data.caseId, data.wave, data.completedAt);
  }),

  ...projectCaseFact(scoreComputedV1, async (db, data) => {
    // A re-score under new weights replaces the figures of the same assessment.
    await storeScores(db, data, data.computedAt, true);
    if (data.purpose === 'follow-up' && data.wave !== undefined)
      await followUpDone(db, data.caseId, data.wave, data.computedAt);
  }),

  ...projectCaseFact(planSubmittedV1, async (db, data) => {
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
  }),

  ...projectCaseFact(planApprovedV1, async (db, data) => {
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
  }),

  ...projectCaseFact(caseStatusChangedV1, async (db, data) => {
    await db.query(`UPDATE cases SET status = $2 WHERE case_id = $1`, [data.caseId, data.to]);
    await movePhase(db, data.caseId, PHASE_OF_STATUS[data.to], data.changedAt);
  }),

  ...projectCaseFact(closureProposedV1, async (db, data) => {
    await db.query(
      `UPDATE cases SET closure_proposed_reason = $2, closure_proposed_at = $3, closure_proposed_by = $4
        WHERE case_id = $1 AND closed_at IS NULL`,
      [data.caseId, data.reason, data.proposedAt, data.proposedBy],
    );
  }),

  ...projectCaseFact(caseClosedV1, async (db, data) => {
    await db.query(
      `UPDATE cases SET closed_at = $2, closure_reason = $3, status = 'closed', phase = 'closed',
              phase_at = $2
        WHERE case_id = $1`,
      [data.caseId, data.closedAt, data.reason],
    );
  }),
};

async function caseOpened(
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
  await record(db, event, data.caseId, event.data);
}

async function storeScores(
  db: Queryable,
  assessment: {
    assessmentId: string;
    caseId: string;
    wave?: number | undefined;
    scores: SustainabilityScores;
  },
  at: string,
  replace: boolean,
) {
  const { assessmentId, caseId, wave, scores } = assessment;
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

async function followUpDone(db: Queryable, caseId: string, wave: number, at: string) {
  await db.query(
    `INSERT INTO follow_ups (case_id, wave, completed_at) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, wave) DO UPDATE SET completed_at = coalesce(follow_ups.completed_at, EXCLUDED.completed_at)`,
    [caseId, wave, at],
  );
}
