import type { EducationLevel, EducationModality } from '@reintegra/event-contracts';
import type { EntityManager } from 'typeorm';
import { cohortNotFound } from './scope';

/** A cohort with its programme's facts, read under the cohort row lock. */
export interface LockedCohort {
  id: string;
  programmeId: string;
  providerId: string;
  name: string;
  seats: number;
  seatsTaken: number;
  nextWaitlistPosition: number;
  schedule: string;
  municipalityCode: string;
  startsOn: string;
  endsOn: string;
  open: boolean;
  level: EducationLevel;
  modality: EducationModality;
  schoolReEntry: boolean;
  minAge: number;
  maxAge: number | null;
  minLastGrade: number;
  documentsRequired: string[];
}

export const COHORT_COLUMNS = `
  c.id, c.programme_id AS "programmeId", c.provider_id AS "providerId", c.name, c.seats,
  c.seats_taken AS "seatsTaken", c.next_waitlist_pos::int AS "nextWaitlistPosition",
  c.schedule, c.municipality_code AS "municipalityCode", c.starts_on::text AS "startsOn",
  c.ends_on::text AS "endsOn", c.open, p.level, p.modality, p.school_re_entry AS "schoolReEntry",
  p.min_age AS "minAge", p.max_age AS "maxAge", p.min_last_grade AS "minLastGrade",
  p.documents_required AS "documentsRequired"`;

/**
 * Locks one cohort row (FOR UPDATE) for the rest of the transaction. Every change to a cohort's
 * seats, enrolments, waitlist or attendance takes this lock first, so that concurrent requests for
 * one cohort are decided one after the other, in the order they reach the database: the seat
 * count read here is the truth until commit, and waitlist positions follow arrival order.
 * Different cohorts never wait for each other. (A bare counter with a CHECK would also prevent
 * over-booking, but a losing request would fail instead of being waitlisted in order.)
 */
export async function lockCohort(manager: EntityManager, cohortId: string): Promise<LockedCohort> {
  const rows = (await manager.query(
    `SELECT ${COHORT_COLUMNS}
       FROM cohorts c JOIN programmes p ON p.id = c.programme_id
      WHERE c.id = $1
      FOR UPDATE OF c`,
    [cohortId],
  )) as LockedCohort[];
  const cohort = rows[0];
  if (!cohort) throw cohortNotFound();
  return cohort;
}

export const today = () => new Date().toISOString().slice(0, 10);
