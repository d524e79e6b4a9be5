import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@reintegra/event-contracts';
import { AWAITING_SQL } from '../core/referral-statuses';
import {
  type ProviderStanding,
  type ProviderStandings,
  referralStatusOf,
  withStanding,
} from './referral-status';

/**
 * The projector's shared core: what every topic's projections write through (the case row, the
 * timeline, the referral row) and the victim-support rule. Every write is an upsert that keeps the
 * latest fact by its own time: events of different topics arrive in any order.
 */

/** What the projector needs of a database connection (a TypeORM EntityManager in a transaction). */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Something the live dashboard should hear about at once (server-sent events). */
export interface ProjectedAlert {
  readonly kind: 'escalation';
  readonly id: string;
  readonly caseId: string;
  readonly referralId: string;
  readonly municipalityCode: string | null;
  readonly service: string;
  readonly priority: string;
  readonly escalation: number;
  readonly occurredAt: string;
}

export type ProjectionHandler = (
  db: Queryable,
  event: EventEnvelope,
) => Promise<ProjectedAlert[] | void>;

/** A topic's projections: event type → how it changes the read model. */
export type Projections = Record<string, ProjectionHandler>;

/** The projection of one event type, typed by its definition. */
export function project<S extends z.ZodType>(
  definition: EventDefinition<S>,
  handler: (db: Queryable, event: EventEnvelope<z.output<S>>) => Promise<ProjectedAlert[] | void>,
): Projections {
  return { [definition.type]: (db, event) => handler(db, event as EventEnvelope<z.output<S>>) };
}

/**
 * The projection of a fact about one case: the case row is touched first and the event enters
 * its timeline after `apply` (the frame most projections share).
 */
export function projectCaseFact<S extends z.ZodType<{ caseId: string }>>(
  definition: EventDefinition<S>,
  apply: (db: Queryable, data: z.output<S>) => Promise<void>,
): Projections {
  return project(definition, async (db, event) => {
    await touchCase(db, event.data.caseId, event.time);
    await apply(db, event.data);
    await record(db, event, event.data.caseId, event.data);
  });
}

export const VICTIM_SUPPORT = 'victim-support';

/** Ensures the case row exists (an event may precede the registration) and notes activity. */
export async function touchCase(db: Queryable, caseId: string, at: string): Promise<void> {
  await db.query(
    `INSERT INTO cases (case_id, last_event_at) VALUES ($1, $2)
       ON CONFLICT (case_id) DO UPDATE SET last_event_at = greatest(cases.last_event_at, EXCLUDED.last_event_at)`,
    [caseId, at],
  );
}

/** The case's timeline entry of the event. */
export async function record(
  db: Queryable,
  event: EventEnvelope,
  caseId: string,
  data: unknown,
): Promise<void> {
  await db.query(
    `INSERT INTO case_events (event_id, case_id, type, occurred_at, actor, data)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, case_id) DO NOTHING`,
    [event.id, caseId, event.type, event.time, event.actor, JSON.stringify(data)],
  );
}

/** An event that only enters the case's timeline. */
export async function timelineOnly(db: Queryable, event: EventEnvelope): Promise<void> {
  const caseId = (event.data as { caseId: string }).caseId;
  await touchCase(db, caseId, event.time);
  await record(db, event, caseId, event.data);
}

/** Intake's status and the path's phase both move the phase; the later fact wins. */
export async function movePhase(
  db: Queryable,
  caseId: string,
  phase: string,
  at: string,
): Promise<void> {
  await db.query(
    `UPDATE cases SET phase = $2, phase_at = $3
        WHERE case_id = $1 AND (phase_at IS NULL OR phase_at <= $3) AND phase <> 'closed'`,
    [caseId, phase, at],
  );
}

export interface ReferralRow {
  providers: ProviderStandings;
  revoked: boolean;
  service: string | null;
}

/** The referral row, created from whichever of its events arrives first. */
export async function lockReferral(
  db: Queryable,
  referralId: string,
  caseId: string,
  at: string,
): Promise<ReferralRow> {
  await db.query(
    `INSERT INTO referrals (referral_id, case_id, municipality_code, updated_at)
       VALUES ($1, $2, (SELECT municipality_code FROM cases WHERE case_id = $2), $3)
       ON CONFLICT (referral_id) DO NOTHING`,
    [referralId, caseId, at],
  );
  const rows = (await db.query(
    `SELECT providers, revoked_at IS NOT NULL AS revoked, service FROM referrals
        WHERE referral_id = $1 FOR UPDATE`,
    [referralId],
  )) as ReferralRow[];
  const row = rows[0];
  if (!row) throw new Error(`referral ${referralId} vanished during projection`);
  return row;
}

/**
 * The timeline entry of a referral event. A victim-support referral's keeps its ids and `view`
 * (the status) only, never provider or reason codes.
 */
export async function recordReferral(
  db: Queryable,
  event: EventEnvelope,
  data: { referralId: string; caseId: string },
  confidential: boolean,
  view: Record<string, string | number>,
): Promise<void> {
  const { referralId, caseId } = data;
  const entry = confidential ? { referralId, caseId, service: VICTIM_SUPPORT, ...view } : data;
  await record(db, event, caseId, entry);
}

/** A provider's new standing (a status report or a routing action), and the status it makes. */
export async function restateStanding(
  db: Queryable,
  referralId: string,
  referral: ReferralRow,
  providerId: string,
  standing: ProviderStanding,
): Promise<void> {
  const providers = withStanding(referral.providers, providerId, standing);
  await restateReferral(db, referralId, providers, referral.revoked, standing.at);
}

/** Stores the providers' standings and the referral status they make. */
export async function restateReferral(
  db: Queryable,
  referralId: string,
  providers: ProviderStandings,
  revoked: boolean,
  at: string,
): Promise<void> {
  const { status, reasonCode } = referralStatusOf(providers, revoked);
  await db.query(
    `UPDATE referrals SET providers = $2, status = $3, reason_code = $4,
              updated_at = greatest(updated_at, $5::timestamptz)
        WHERE referral_id = $1`,
    [referralId, JSON.stringify(providers), status, reasonCode ?? null, at],
  );
}

/**
 * The case's earliest deadline among its referrals still awaiting an answer (null when none
 * waits), after an event that may have changed its referrals: the overdue list reads it.
 */
export async function refreshAwaitingDeadline(db: Queryable, caseId: string): Promise<void> {
  await db.query(
    `UPDATE cases c SET awaiting_deadline = d.deadline
       FROM (SELECT min(acknowledge_by) AS deadline FROM referrals
              WHERE case_id = $1 AND status IN ${AWAITING_SQL}) d
      WHERE c.case_id = $1 AND c.awaiting_deadline IS DISTINCT FROM d.deadline`,
    [caseId],
  );
}
