import type { EntityManager } from 'typeorm';
import type { PartnerEventDefinition } from '@reintegra/event-contracts';
import { publicEnvelope } from '../derivation/public-events';

/** A public event for one agency's log and the subscriptions it goes to. */
export interface PublicLogEntry {
  readonly agencyId: string;
  /** The case it is about; null for public listings, which concern no person. */
  readonly caseId: string | null;
  readonly sourceEventId: string;
  readonly definition: PartnerEventDefinition;
  /** The envelope subject, also the delivery order key. */
  readonly subject: string;
  readonly time: string;
  readonly data: unknown;
  readonly municipalityCode: string | null;
  readonly subscriptions: ReadonlyArray<{ id: string; channel: string }>;
  /** A position reserved beforehand, else one is drawn now. */
  readonly position?: number;
}

/**
 * Adds a public event to the agency's log and queues one delivery per subscription, in one
 * statement; nothing when the agency's log already has the source event (a repeated message).
 */
export async function appendToPublicLog(
  manager: EntityManager,
  entry: PublicLogEntry,
): Promise<void> {
  let position = entry.position;
  if (position === undefined) {
    const [{ next }] = (await manager.query(
      `SELECT nextval('public_events_position') AS next`,
    )) as Array<{ next: string }>;
    position = Number(next);
  }
  const envelope = publicEnvelope(entry.definition, {
    subject: entry.subject,
    time: entry.time,
    position,
    data: entry.data,
  });
  await manager.query(
    `WITH logged AS (
       INSERT INTO public_events
         (position, id, agency_id, case_id, source_event_id, event_type, municipality_code, subject, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (agency_id, source_event_id) DO NOTHING
       RETURNING id, subject)
     INSERT INTO deliveries (subscription_id, public_event_id, channel, order_key)
     SELECT s.id, logged.id, s.channel, logged.subject
       FROM logged, unnest($10::uuid[], $11::text[]) AS s (id, channel)`,
    [
      envelope.position,
      envelope.id,
      entry.agencyId,
      entry.caseId,
      entry.sourceEventId,
      envelope.type,
      entry.municipalityCode,
      entry.subject,
      JSON.stringify(envelope),
      entry.subscriptions.map((s) => s.id),
      entry.subscriptions.map((s) => s.channel),
    ],
  );
}
