import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  referralServiceOfConsent,
  type ConsentWithdrawnV1,
  type ReferralRequestedV1,
  type ReferralRevokedV1,
  type ReferralRoutedV1,
} from '@reintegra/event-contracts';
import { isInboxService, needToKnow } from './need-to-know';

/**
 * Fills the provider inboxes from the referral events: a referral to an outside service lands in
 * the inbox of every registered organisation it asks (`referral.requested`, then the
 * orchestrator's `referral-routed` re-routings); withdrawals and revocations close it there.
 * Providers that are not registered organisations are left alone (they answer elsewhere).
 */
@Injectable()
export class InboxFeed {
  async requested(manager: EntityManager, data: ReferralRequestedV1): Promise<void> {
    if (!isInboxService(data.service)) return;
    await manager.query(
      `INSERT INTO provider_referrals (referral_id, organization_id, case_id, service, priority,
                                       acknowledge_by, status, facts)
       SELECT $1, o.id, $2, $3, $4, $5, 'asked', $6
         FROM organizations o WHERE o.id = ANY ($7)
       ON CONFLICT (referral_id, organization_id) DO NOTHING`,
      [
        data.referralId,
        data.caseId,
        data.service,
        data.priority,
        data.acknowledgeBy,
        JSON.stringify(needToKnow(data.service, data.eligibility)),
        data.providerIds,
      ],
    );
  }

  async routed(manager: EntityManager, data: ReferralRoutedV1): Promise<void> {
    if (!isInboxService(data.service)) return;
    if (data.action === 'withdrawn') {
      await manager.query(
        `UPDATE provider_referrals SET status = 'withdrawn', reason_code = $3, updated_at = now()
          WHERE referral_id = $1 AND organization_id = $2
            AND status IN ('asked', 'no-capacity', 'accepted', 'in-progress')`,
        [data.referralId, data.providerId, data.reasonCode ?? 'withdrawn'],
      );
      return;
    }
    // Asked or re-routed: the facts already shared for this referral come along (need-to-know).
    await manager.query(
      `INSERT INTO provider_referrals (referral_id, organization_id, case_id, service, priority,
                                       acknowledge_by, status, facts)
       SELECT $1, o.id, $3, $4, $5, $6, 'asked',
              coalesce((SELECT facts FROM provider_referrals WHERE referral_id = $1 LIMIT 1), '{}')
         FROM organizations o WHERE o.id = $2
       ON CONFLICT (referral_id, organization_id) DO UPDATE
         SET acknowledge_by = EXCLUDED.acknowledge_by, updated_at = now()`,
      [
        data.referralId,
        data.providerId,
        data.caseId,
        data.service,
        data.priority,
        data.acknowledgeBy ?? null,
      ],
    );
  }

  async revoked(manager: EntityManager, data: ReferralRevokedV1): Promise<void> {
    await manager.query(
      `UPDATE provider_referrals SET status = 'revoked', reason_code = $2, updated_at = now()
        WHERE referral_id = $1 AND status NOT IN ('declined', 'completed', 'not-completed')`,
      [data.referralId, data.reasonCode],
    );
  }

  /**
   * The person withdrew consent to be referred to the service: the case's live referrals to it
   * close in every inbox (`withdrawn`, `consent-withdrawn`) and the need-to-know facts (age, sex)
   * are erased from all of them, closed ones included. Kept: ids, service, status and dates — the
   * closed-loop record the organisations' answers are checked against, with no personal data.
   */
  async consentWithdrawn(manager: EntityManager, data: ConsentWithdrawnV1): Promise<void> {
    const service = referralServiceOfConsent(data);
    if (!service || !isInboxService(service)) return;
    await manager.query(
      `UPDATE provider_referrals
          SET facts = '{}',
              status = CASE WHEN status = ANY ($3) THEN 'withdrawn' ELSE status END,
              reason_code = CASE WHEN status = ANY ($3) THEN 'consent-withdrawn' ELSE reason_code END,
              updated_at = now()
        WHERE case_id = $1 AND service = $2`,
      [data.caseId, service, LIVE],
    );
  }
}

/** Statuses of a referral an organisation still holds open. */
const LIVE = ['asked', 'no-capacity', 'accepted', 'in-progress'];
