import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PartnerCategory } from '@reintegra/event-contracts';
import type { ListingDerivation } from '../derivation/public-listings';
import { mayReceive } from '../policy/category-policy';
import { appendToPublicLog } from './public-log';

interface SubscriptionRow {
  id: string;
  channel: string;
  agencyId: string;
  category: PartnerCategory;
}

/**
 * Turns internal events about directory services and community activities into public events
 * for every active subscription that asks for the type, whose agency's category may receive it
 * (category policy) and whose municipality filter matches the listing's municipality. No consent
 * and no hold: nothing about a person is in them. They go through the same log and deliveries as
 * the events about a case (retries, per-subject order, replay); a repeated internal event is
 * logged once per agency (the log is unique per agency and source event).
 */
@Injectable()
export class ListingRouter {
  async route(
    manager: EntityManager,
    event: EventEnvelope,
    derivation: ListingDerivation,
  ): Promise<void> {
    const type = derivation.definition.type;
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT s.id, s.channel, a.id AS "agencyId", a.category
         FROM agencies a JOIN subscriptions s ON s.agency_id = a.id AND s.active
        WHERE a.active AND $1 = ANY (s.event_types)
          AND (cardinality(s.municipality_codes) = 0 OR $2 = ANY (s.municipality_codes))
        ORDER BY a.id, s.created_at`,
      [type, derivation.municipalityCode],
    );
    const byAgency = new Map<string, SubscriptionRow[]>();
    for (const row of rows) {
      if (!mayReceive(row.category, type, derivation.service)) continue;
      byAgency.set(row.agencyId, [...(byAgency.get(row.agencyId) ?? []), row]);
    }
    for (const [agencyId, subscriptions] of byAgency) {
      await appendToPublicLog(manager, {
        agencyId,
        caseId: null,
        sourceEventId: event.id,
        definition: derivation.definition,
        subject: derivation.subject,
        time: event.time,
        data: derivation.data,
        municipalityCode: derivation.municipalityCode,
        subscriptions,
      });
    }
  }
}
