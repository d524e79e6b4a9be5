import type { EntityManager } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import {
  activityNotFound,
  canKeepReflectionNotes,
  canManageActivity,
  canSeeActivity,
  notYourActivity,
} from './scope';

export interface ActivityRow {
  id: string;
  providerId: string;
  municipalityCode: string;
  districtCode: string | null;
  publicSpace: string;
  kind: string;
  title: string;
  schedule: string;
  startsOn: string;
  endsOn: string | null;
  capacity: number;
  seatsTaken: number;
  targetGroups: string[];
  languages: string[];
  facilitators: string[];
  open: boolean;
  version: number;
}

export const ACTIVITY_COLUMNS = `a.id, a.provider_id AS "providerId", a.municipality_code AS "municipalityCode",
  a.district_code AS "districtCode", a.public_space AS "publicSpace", a.kind, a.title, a.schedule,
  to_char(a.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
  a.capacity, a.seats_taken AS "seatsTaken", a.target_groups AS "targetGroups",
  a.languages, a.facilitators, a.open, a.version`;

/** One activity, optionally under its row lock (seat counts change only under it). */
export async function findActivity(
  manager: EntityManager,
  id: string,
  lock = false,
): Promise<ActivityRow | undefined> {
  const rows = (await manager.query(
    `SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE a.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  )) as ActivityRow[];
  return rows[0];
}

/** An activity the caller may see (404 otherwise). */
export async function visibleActivity(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ActivityRow> {
  const activity = await findActivity(manager, id, lock);
  if (!activity || !canSeeActivity(actor, activity)) throw activityNotFound();
  return activity;
}

/** An activity the caller runs: 404 when they may not see it, 403 when they see but do not run it. */
export async function managedActivity(
  manager: EntityManager,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ActivityRow> {
  const activity = await visibleActivity(manager, actor, id, lock);
  if (!canManageActivity(actor, activity)) throw notYourActivity();
  return activity;
}

/** An activity whose reflection notes the caller may keep (its named facilitators only). */
export async function reflectiveActivity(
  manager: EntityManager,
  actor: Actor,
  id: string,
): Promise<ActivityRow> {
  const activity = await visibleActivity(manager, actor, id);
  if (!canKeepReflectionNotes(actor, activity)) throw notYourActivity();
  return activity;
}

export interface SessionRow {
  id: string;
  activityId: string;
  heldOn: string;
  sensitive: boolean;
}

export async function findSession(
  manager: EntityManager,
  id: string,
): Promise<SessionRow | undefined> {
  const rows = (await manager.query(
    `SELECT id, activity_id AS "activityId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", sensitive
       FROM sessions WHERE id = $1`,
    [id],
  )) as SessionRow[];
  return rows[0];
}

/** Today's date in El Salvador (UTC-6, no daylight saving), as YYYY-MM-DD. */
export const today = (now = new Date()) =>
  new Date(now.getTime() - 6 * 3_600_000).toISOString().slice(0, 10);
