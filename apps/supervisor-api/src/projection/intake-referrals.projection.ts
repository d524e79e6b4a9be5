import { referralRequestedV1, referralRevokedV1 } from '@reintegra/event-contracts';
import {
  lockReferral,
  project,
  type Projections,
  recordReferral,
  restateReferral,
  touchCase,
  VICTIM_SUPPORT,
} from './projection-core';

/**
 * Intake's referrals topic: requests and revocations. Victim-support referrals keep status and
 * dates only: provider and reason codes are never stored for them.
 */
export const intakeReferralsProjections: Projections = {
  ...project(referralRequestedV1, async (db, event) => {
    const { data } = event;
    await touchCase(db, data.caseId, event.time);
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
    await recordReferral(db, event, data, confidential, { status: 'requested' });
  }),

  ...project(referralRevokedV1, async (db, event) => {
    const { data } = event;
    await touchCase(db, data.caseId, event.time);
    const referral = await lockReferral(db, data.referralId, data.caseId, data.revokedAt);
    await db.query(`UPDATE referrals SET revoked_at = $2 WHERE referral_id = $1`, [
      data.referralId,
      data.revokedAt,
    ]);
    await restateReferral(db, data.referralId, referral.providers, true, data.revokedAt);
    await recordReferral(db, event, data, referral.service === VICTIM_SUPPORT, {
      status: 'revoked',
    });
  }),
};
