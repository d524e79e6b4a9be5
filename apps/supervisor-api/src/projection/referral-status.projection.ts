import {
  attendanceAtRiskV1,
  enrolmentStatusChangedV1,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import {
  lockReferral,
  project,
  projectCaseFact,
  type Projections,
  recordReferral,
  restateStanding,
  timelineOnly,
  touchCase,
  VICTIM_SUPPORT,
} from './projection-core';

/**
 * The services' referral status topic: each provider's standing on a referral (the referral's
 * status follows from them), education enrolments and attendance warnings. Victim-support
 * referrals keep status and dates only: provider and reason codes are never stored for them.
 */
export const referralStatusProjections: Projections = {
  ...project(referralStatusChangedV1, async (db, event) => {
    const { data } = event;
    await touchCase(db, data.caseId, event.time);
    const referral = await lockReferral(db, data.referralId, data.caseId, data.occurredAt);
    const confidential = data.service === VICTIM_SUPPORT;
    if (referral.service === null) {
      await db.query(`UPDATE referrals SET service = $2 WHERE referral_id = $1`, [
        data.referralId,
        data.service,
      ]);
    }
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
    await restateStanding(db, data.referralId, referral, data.providerId, {
      status: data.status,
      at: data.occurredAt,
      ...(data.reasonCode && !confidential ? { reasonCode: data.reasonCode } : {}),
    });
    await recordReferral(db, event, data, confidential, { status: data.status });
  }),

  ...projectCaseFact(enrolmentStatusChangedV1, async (db, data) => {
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
  }),

  ...project(attendanceAtRiskV1, timelineOnly),
};
