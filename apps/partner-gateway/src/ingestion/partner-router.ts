import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type EventEnvelope,
  type PartnerCategory,
  partnerCategorySchema,
  partnerDataRedactionRequestedV1,
  type PartnerEventDefinition,
} from '@reintegra/event-contracts';
import { GatewayKeys } from '../crypto/gateway-keys';
import { derive, type Derivation, publicEnvelope } from '../derivation/public-events';
import { mayReceive } from '../policy/category-policy';

interface AgencyRow {
  id: string;
  category: PartnerCategory;
  pseudonym_salt: Buffer;
}

interface HeldRow extends AgencyRow {
  seq: string;
  envelope: EventEnvelope;
  active: boolean;
}

/**
 * Turns internal events about a case into public events per agency. Every event first waits in
 * `held_events` for each agency that may receive it; `release` then publishes what the case's
 * consent allows, in the order held, and drops what a withdrawal forbids. An event stays held
 * while the consent for the agency's category (or the case's registration, which gives its
 * municipality) is unknown — Kafka topics are not ordered with each other — until the hold
 * sweeper drops it with an audit record. All work on one case is serialised by an advisory lock.
 */
@Injectable()
export class PartnerRouter {
  constructor(@Inject(GatewayKeys) private readonly keys: GatewayKeys) {}

  /** An internal event about a case that partners may see (see `derive`). */
  async route(manager: EntityManager, event: EventEnvelope, derivation: Derivation): Promise<void> {
    await lockCase(manager, derivation.caseId);
    const candidates: AgencyRow[] = await manager.query(
      `SELECT a.id, a.category, a.pseudonym_salt FROM agencies a
        WHERE a.active AND EXISTS (
          SELECT 1 FROM subscriptions s
           WHERE s.agency_id = a.id AND s.active AND $1 = ANY (s.event_types))`,
      [derivation.definition.type],
    );
    const entitled = candidates.filter((agency) =>
      mayReceive(agency.category, derivation.definition.type, derivation.service),
    );
    if (entitled.length > 0) {
      await manager.query(
        `INSERT INTO held_events (event_id, agency_id, case_id, event_type, envelope)
         SELECT $1, agency_id, $2, $3, $4 FROM unnest($5::text[]) AS agency_id
         ON CONFLICT (event_id, agency_id) DO NOTHING`,
        [
          event.id,
          derivation.caseId,
          event.type,
          JSON.stringify(event),
          entitled.map((agency) => agency.id),
        ],
      );
    }
    await this.release(manager, derivation.caseId);
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
    const [registered] = (await manager.query(
      `SELECT municipality_code FROM cases WHERE case_id = $1`,
      [caseId],
    )) as Array<{ municipality_code: string }>;
    const consent = await this.partnerConsents(manager, caseId);
    const settled: string[] = [];
    for (const row of held) {
      const granted = consent.get(row.category);
      if (granted === false || !row.active) {
        settled.push(row.seq); // consent withdrawn (or agency deactivated): never delivered
        continue;
      }
      if (granted !== true || !registered) continue; // still waiting
      const derivation = derive(row.envelope);
      if (derivation) {
        await this.publish(manager, row, derivation, row.envelope, registered.municipality_code);
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
      const subscriptions: Array<{ id: string; channel: string }> = await manager.query(
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
  ): Promise<void> {
    const subscriptions: Array<{ id: string; channel: string }> = await manager.query(
      `SELECT id, channel FROM subscriptions
        WHERE agency_id = $1 AND active AND $2 = ANY (event_types)
          AND (cardinality(municipality_codes) = 0 OR $3 = ANY (municipality_codes))
        ORDER BY created_at`,
      [agency.id, derivation.definition.type, municipalityCode],
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
    });
  }

  /** Adds a public event to the agency's log and queues one delivery per subscription. */
  private async log(
    manager: EntityManager,
    agency: AgencyRow,
    entry: {
      caseId: string;
      sourceEventId: string;
      definition: PartnerEventDefinition;
      time: string;
      data: unknown;
      municipalityCode: string | null;
      subscriptions: Array<{ id: string; channel: string }>;
    },
  ): Promise<void> {
    const subject = this.keys
      .pseudonymiser(agency.id, agency.pseudonym_salt)
      .caseSubject(entry.caseId);
    const [{ next }] = (await manager.query(
      `SELECT nextval('public_events_position') AS next`,
    )) as Array<{ next: string }>;
    const position = Number(next);
    const envelope = publicEnvelope(entry.definition, {
      subject,
      time: entry.time,
      position,
      data: entry.data,
    });
    const inserted: unknown[] = await manager.query(
      `INSERT INTO public_events
         (position, id, agency_id, case_id, source_event_id, event_type, municipality_code, subject, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (agency_id, source_event_id) DO NOTHING RETURNING id`,
      [
        position,
        envelope.id,
        agency.id,
        entry.caseId,
        entry.sourceEventId,
        envelope.type,
        entry.municipalityCode,
        subject,
        JSON.stringify(envelope),
      ],
    );
    if (inserted.length === 0 || entry.subscriptions.length === 0) return;
    await manager.query(
      `INSERT INTO deliveries (subscription_id, public_event_id, channel, order_key)
       SELECT s.id, $1, s.channel, $2
         FROM unnest($3::uuid[], $4::text[]) AS s (id, channel)`,
      [
        envelope.id,
        subject,
        entry.subscriptions.map((s) => s.id),
        entry.subscriptions.map((s) => s.channel),
      ],
    );
  }

  private async partnerConsents(
    manager: EntityManager,
    caseId: string,
  ): Promise<Map<string, boolean>> {
    const rows: Array<{ scope: string; granted: boolean }> = await manager.query(
      `SELECT scope, granted FROM consents WHERE case_id = $1 AND purpose = 'partner-sharing'`,
      [caseId],
    );
    return new Map(
      rows
        .filter((row) => partnerCategorySchema.safeParse(row.scope).success)
        .map((row) => [row.scope, row.granted]),
    );
  }
}

/** Serialises every change about one case (events of one case arrive on several topics). */
async function lockCase(manager: EntityManager, caseId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`case:${caseId}`]);
}
