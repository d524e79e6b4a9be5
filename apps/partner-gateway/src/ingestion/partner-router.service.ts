import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type EventEnvelope,
  type PartnerCategory,
  partnerCategorySchema,
  partnerDataRedactionRequestedV1,
} from '@reintegra/event-contracts';
import { GatewayKeys } from '../crypto/gateway-keys';
import { derive, type Derivation } from '../derivation/public-events';
import { mayReceive } from '../policy/category-policy';
import { appendToPublicLog, type PublicLogEntry } from './public-log';

interface AgencyRow {
  id: string;
  category: PartnerCategory;
  pseudonym_salt: Buffer;
}

interface SubscriptionTarget {
  id: string;
  channel: 'kafka' | 'webhook';
  eventTypes: string[];
  municipalityCodes: string[];
}

interface HeldRow extends AgencyRow {
  seq: string;
  envelope: EventEnvelope;
  active: boolean;
}

interface CaseState {
  /** Known once the case's registration (or episode) was consumed. */
  municipalityCode: string | undefined;
  /** partner-sharing consent per category: true granted, false withdrawn, absent unknown. */
  consent: Map<string, boolean>;
  /** Agencies that still have held events about the case (later ones must queue behind). */
  heldFor: Set<string>;
  /** Log positions reserved with the state (one per agency that may publish), saving a trip. */
  positions: number[];
}

/**
 * Turns internal events about a case into public events per agency, for the agencies whose
 * category may receive them and whose subscriptions ask for them. An event is published at once
 * when the case's consent for the agency's category is granted and its registration (hence its
 * municipality) is known; it is dropped when that consent was withdrawn; otherwise — Kafka topics
 * are not ordered with each other, so an event can overtake its consent or registration — it is
 * held in `held_events` and `release` publishes it, in the order held, once both are known, or
 * the maintenance loop drops it with an audit record after the hold time. Work on one case is
 * serialised by an advisory lock, so per-case order and "publish once" hold across partitions.
 */
@Injectable()
export class PartnerRouter {
  constructor(@Inject(GatewayKeys) private readonly keys: GatewayKeys) {}

  /** An internal event about a case that partners may see (see `derive`). */
  async route(manager: EntityManager, event: EventEnvelope, derivation: Derivation): Promise<void> {
    const type = derivation.definition.type;
    const candidates: Array<AgencyRow & { subscriptions: SubscriptionTarget[] }> =
      await manager.query(
        `SELECT a.id, a.category, a.pseudonym_salt,
                jsonb_agg(jsonb_build_object('id', s.id, 'channel', s.channel,
                                             'eventTypes', s.event_types,
                                             'municipalityCodes', s.municipality_codes)
                          ORDER BY s.created_at) AS subscriptions
           FROM agencies a JOIN subscriptions s ON s.agency_id = a.id AND s.active
          WHERE a.active AND $1 = ANY (s.event_types)
          GROUP BY a.id`,
        [type],
      );
    const entitled = candidates.filter((agency) =>
      mayReceive(agency.category, type, derivation.service),
    );
    if (entitled.length === 0) return; // most internal events concern no subscribed agency
    await lockCase(manager, derivation.caseId);
    const state = await this.caseState(manager, derivation.caseId, entitled.length);
    const toHold: string[] = [];
    for (const agency of entitled) {
      const granted = state.consent.get(agency.category);
      if (granted === false) continue; // consent withdrawn: never delivered
      if (granted === true && state.municipalityCode && !state.heldFor.has(agency.id)) {
        await this.publish(manager, agency, derivation, event, state.municipalityCode, {
          subscriptions: agency.subscriptions,
          position: state.positions.shift(),
        });
      } else {
        toHold.push(agency.id);
      }
    }
    if (toHold.length > 0) {
      await manager.query(
        `INSERT INTO held_events (event_id, agency_id, case_id, event_type, envelope)
         SELECT $1, agency_id, $2, $3, $4 FROM unnest($5::text[]) AS agency_id
         ON CONFLICT (event_id, agency_id) DO NOTHING`,
        [event.id, derivation.caseId, event.type, JSON.stringify(event), toHold],
      );
    }
  }

  /** Publishes or drops the case's held events whose consent (and registration) is now known. */
  async release(manager: EntityManager, caseId: string): Promise<void> {
    await lockCase(manager, caseId);
    const held: HeldRow[] = await manager.query(
      `SELECT h.seq, h.envelope, a.id, a.category, a.pseudonym_salt, a.active
         FROM held_events h JOIN agencies a ON a.id = h.agency_id
        WHERE h.case_id = $1 ORDER BY h.seq`,
      [caseId],
    );
    if (held.length === 0) return;
    const { municipalityCode, consent } = await this.caseState(manager, caseId);
    const settled: string[] = [];
    for (const row of held) {
      const granted = consent.get(row.category);
      if (granted === false || !row.active) {
        settled.push(row.seq); // consent withdrawn (or agency deactivated): never delivered
        continue;
      }
      if (granted !== true || !municipalityCode) continue; // still waiting
      const derivation = derive(row.envelope);
      if (derivation) {
        await this.publish(manager, row, derivation, row.envelope, municipalityCode);
      }
      settled.push(row.seq);
    }
    if (settled.length > 0) {
      await manager.query(`DELETE FROM held_events WHERE seq = ANY ($1::bigint[])`, [settled]);
    }
  }

  /**
   * Consent to share with a category was withdrawn: pending deliveries of the case to agencies of
   * that category are cancelled and every such agency that received data since its last
   * redaction gets a redaction request on all its active subscriptions.
   */
  async redact(
    manager: EntityManager,
    caseId: string,
    category: PartnerCategory,
    withdrawal: EventEnvelope,
  ): Promise<void> {
    await lockCase(manager, caseId);
    const redactionType = partnerDataRedactionRequestedV1.type;
    const agencies: AgencyRow[] = await manager.query(
      `SELECT a.id, a.category, a.pseudonym_salt FROM agencies a
        WHERE a.category = $2 AND EXISTS (
          SELECT 1 FROM public_events p
           WHERE p.agency_id = a.id AND p.case_id = $1 AND p.event_type <> $3
             AND p.position > coalesce((
               SELECT max(r.position) FROM public_events r
                WHERE r.agency_id = a.id AND r.case_id = $1 AND r.event_type = $3), 0))`,
      [caseId, category, redactionType],
    );
    for (const agency of agencies) {
      await manager.query(
        `UPDATE deliveries d SET status = 'cancelled', last_error = 'consent-withdrawn', updated_at = now()
           FROM public_events p
          WHERE d.public_event_id = p.id AND p.agency_id = $1 AND p.case_id = $2
            AND d.status = 'pending'`,
        [agency.id, caseId],
      );
      const subscriptions: SubscriptionTarget[] = await manager.query(
        `SELECT id, channel FROM subscriptions WHERE agency_id = $1 AND active ORDER BY created_at`,
        [agency.id],
      );
      await this.log(manager, agency, {
        caseId,
        sourceEventId: withdrawal.id,
        definition: partnerDataRedactionRequestedV1,
        time: withdrawal.time,
        data: { reason: 'consent-withdrawn' },
        municipalityCode: null,
        subscriptions,
      });
    }
  }

  private async publish(
    manager: EntityManager,
    agency: AgencyRow,
    derivation: Derivation,
    source: EventEnvelope,
    municipalityCode: string,
    known: { subscriptions?: SubscriptionTarget[]; position?: number } = {},
  ): Promise<void> {
    const type = derivation.definition.type;
    const candidates: SubscriptionTarget[] =
      known.subscriptions ??
      (await manager.query(
        `SELECT id, channel, event_types AS "eventTypes", municipality_codes AS "municipalityCodes"
           FROM subscriptions WHERE agency_id = $1 AND active AND $2 = ANY (event_types)
          ORDER BY created_at`,
        [agency.id, type],
      ));
    const subscriptions = candidates.filter(
      (s) =>
        s.eventTypes.includes(type) &&
        (s.municipalityCodes.length === 0 || s.municipalityCodes.includes(municipalityCode)),
    );
    if (subscriptions.length === 0) return;
    await this.log(manager, agency, {
      caseId: derivation.caseId,
      sourceEventId: source.id,
      definition: derivation.definition,
      time: source.time,
      data: derivation.build(this.keys.pseudonymiser(agency.id, agency.pseudonym_salt)),
      municipalityCode,
      subscriptions,
      position: known.position,
    });
  }

  /** Logs a public event about a case under the agency's pseudonym of the case. */
  private async log(
    manager: EntityManager,
    agency: AgencyRow,
    entry: Omit<PublicLogEntry, 'agencyId' | 'subject' | 'caseId'> & { caseId: string },
  ): Promise<void> {
    const subject = this.keys
      .pseudonymiser(agency.id, agency.pseudonym_salt)
      .caseSubject(entry.caseId);
    await appendToPublicLog(manager, { ...entry, agencyId: agency.id, subject });
  }

  private async caseState(
    manager: EntityManager,
    caseId: string,
    reservePositions = 0,
  ): Promise<CaseState> {
    // Unused reserved positions only leave gaps: positions increase, they are not contiguous.
    const [row] = (await manager.query(
      `SELECT (SELECT municipality_code FROM cases WHERE case_id = $1) AS municipality_code,
              array(SELECT nextval('public_events_position')::text
                      FROM generate_series(1, $2)) AS positions,
              coalesce((SELECT jsonb_object_agg(scope, granted) FROM consents
                         WHERE case_id = $1 AND purpose = 'partner-sharing'), '{}') AS consent,
              coalesce((SELECT array_agg(DISTINCT agency_id) FROM held_events
                         WHERE case_id = $1), '{}') AS held_for`,
      [caseId, reservePositions],
    )) as Array<{
      municipality_code: string | null;
      positions: string[];
      consent: Record<string, boolean>;
      held_for: string[];
    }>;
    return {
      municipalityCode: row?.municipality_code ?? undefined,
      consent: new Map(
        Object.entries(row?.consent ?? {}).filter(
          ([scope]) => partnerCategorySchema.safeParse(scope).success,
        ),
      ),
      heldFor: new Set(row?.held_for ?? []),
      positions: (row?.positions ?? []).map(Number),
    };
  }
}

/** Serialises every change about one case (events of one case arrive on several topics). */
async function lockCase(manager: EntityManager, caseId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`case:${caseId}`]);
}
