import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  consentGrantedV1,
  type ConsentGrantedV1,
  consentWithdrawnV1,
  type ConsentWithdrawnV1,
  episodeOpenedV1,
  type EpisodeOpenedV1,
  type EventEnvelope,
  partnerCategoryOfConsent,
  partnerReferralServiceSchema,
  referralRequestedV1,
  type ReferralRequestedV1,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
  returneeRegisteredV1,
  type ReturneeRegisteredV1,
} from '@reintegra/event-contracts';
import { derive, DERIVED_TYPES } from '../derivation/public-events';
import { deriveListing, LISTING_TYPES } from '../derivation/public-listings';
import { ListingRouter } from './listing-router.service';
import { PartnerRouter } from './partner-router.service';

/** Internal event types the gateway consumes: what it derives from (cases, listings), consents. */
export const CONSUMED_TYPES = [
  ...DERIVED_TYPES,
  ...LISTING_TYPES,
  consentGrantedV1.type,
  consentWithdrawnV1.type,
];

/**
 * Applies one internal event inside the caller's (inbox) transaction: first the gateway's own
 * projections (cases and their municipality, consents per purpose and category, referral facts
 * for statistics), then the public derivation for the agencies entitled to it (about a case, or a
 * public listing of a service or activity).
 */
@Injectable()
export class InternalEventsService {
  constructor(
    private readonly router: PartnerRouter,
    private readonly listings: ListingRouter,
  ) {}

  async apply(manager: EntityManager, event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case consentGrantedV1.type:
        return this.consent(manager, event as EventEnvelope<ConsentGrantedV1>, true);
      case consentWithdrawnV1.type:
        return this.consent(manager, event as EventEnvelope<ConsentWithdrawnV1>, false);
      case returneeRegisteredV1.type:
      case episodeOpenedV1.type: {
        const data = event.data as ReturneeRegisteredV1 | EpisodeOpenedV1;
        const registeredAt = 'registeredAt' in data ? data.registeredAt : data.openedAt;
        await manager.query(
          `INSERT INTO cases (case_id, municipality_code, registered_at) VALUES ($1, $2, $3)
           ON CONFLICT (case_id) DO NOTHING`,
          [data.caseId, data.municipalityCode, registeredAt],
        );
        break;
      }
      case referralRequestedV1.type:
        await this.referralFact(manager, event.data as ReferralRequestedV1);
        break;
      case referralStatusChangedV1.type:
        await this.referralFact(manager, event.data as ReferralStatusChangedV1);
        break;
    }
    const derivation = derive(event);
    if (derivation) await this.router.route(manager, event, derivation);
    const listing = deriveListing(event);
    if (listing) await this.listings.route(manager, event, listing);
    if (event.type === returneeRegisteredV1.type || event.type === episodeOpenedV1.type) {
      // Events that waited for the case's municipality go now, in the order they were held.
      await this.router.release(manager, (event.data as ReturneeRegisteredV1).caseId);
    }
  }

  private async consent(
    manager: EntityManager,
    event: EventEnvelope<ConsentGrantedV1 | ConsentWithdrawnV1>,
    granted: boolean,
  ): Promise<void> {
    const data = event.data;
    const decidedAt = 'grantedAt' in data ? data.grantedAt : data.withdrawnAt;
    let scope: string;
    if (data.purpose === 'statistics') {
      scope = '';
    } else if (data.purpose === 'partner-sharing') {
      const category = partnerCategoryOfConsent(data);
      if (!category) return; // a scope that names no partner category shares nothing
      scope = category;
    } else {
      return; // service-referral and contact consents do not concern partners
    }
    // Consents of a case share its Kafka key, so they arrive in order; the time check also keeps
    // an older decision from overwriting a newer one if they ever do not.
    await manager.query(
      `INSERT INTO consents (case_id, purpose, scope, granted, consent_id, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (case_id, purpose, scope) DO UPDATE
         SET granted = EXCLUDED.granted, consent_id = EXCLUDED.consent_id,
             decided_at = EXCLUDED.decided_at
       WHERE consents.decided_at <= EXCLUDED.decided_at`,
      [data.caseId, data.purpose, scope, granted, data.consentId, decidedAt],
    );
    if (data.purpose !== 'partner-sharing') return;
    if (!granted) {
      await this.router.redact(manager, data.caseId, scope as never, event);
    }
    await this.router.release(manager, data.caseId);
  }

  /** One row per referral (never victim support): its service, month and latest status. */
  private async referralFact(
    manager: EntityManager,
    data: ReferralRequestedV1 | ReferralStatusChangedV1,
  ): Promise<void> {
    if (!partnerReferralServiceSchema.safeParse(data.service).success) return;
    const requestedAt = 'requestedAt' in data ? data.requestedAt : null;
    const outcome = 'status' in data ? data.status : 'requested';
    const outcomeAt = 'occurredAt' in data ? data.occurredAt : data.requestedAt;
    await manager.query(
      `INSERT INTO referral_facts
         (referral_id, case_id, service, requested_at, first_seen_at, outcome, outcome_at)
       VALUES ($1, $2, $3, $4, now(), $5, $6)
       ON CONFLICT (referral_id) DO UPDATE SET
         requested_at = coalesce(EXCLUDED.requested_at, referral_facts.requested_at),
         outcome = CASE WHEN EXCLUDED.outcome_at >= referral_facts.outcome_at
                          AND EXCLUDED.outcome <> 'requested'
                        THEN EXCLUDED.outcome ELSE referral_facts.outcome END,
         outcome_at = greatest(EXCLUDED.outcome_at, referral_facts.outcome_at)`,
      [data.referralId, data.caseId, data.service, requestedAt, outcome, outcomeAt],
    );
  }
}
