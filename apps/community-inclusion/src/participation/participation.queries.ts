import type { EntityManager } from 'typeorm';
import type { ParticipationFigures } from '../core/participation-rules';

export interface ParticipationRow extends ParticipationFigures {
  membershipId: string;
  participantId: string;
  activityId: string;
}

/**
 * Sustained participation in one statement: for each live membership (of one activity, or of one
 * participant), the sessions held in the window since the person joined, those attended, the
 * current streak of attended sessions and the run of latest missed ones. A session without a mark
 * for the person counts as missed.
 */
export const PARTICIPATION_SQL = `
  WITH scope AS (
    SELECT m.id, m.participant_id, m.activity_id, m.joined_on
      FROM memberships m
     WHERE m.status IN ('active', 'completed')
       AND ($1::uuid IS NULL OR m.activity_id = $1)
       AND ($2::uuid IS NULL OR m.participant_id = $2)
  ), marks AS (
    SELECT sc.id AS membership_id, sc.participant_id, sc.activity_id,
           coalesce(a.present, false) AS present,
           row_number() OVER (PARTITION BY sc.id ORDER BY s.held_on DESC, s.id DESC) AS recency
      FROM scope sc
      JOIN sessions s ON s.activity_id = sc.activity_id
                     AND s.held_on >= sc.joined_on
                     AND s.held_on > $3::date - $4::int * 7
                     AND s.held_on <= $3::date
      LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = sc.participant_id
  )
  SELECT sc.id AS "membershipId", sc.participant_id AS "participantId", sc.activity_id AS "activityId",
         count(mk.membership_id)::int AS "eligibleSessions",
         (count(*) FILTER (WHERE mk.present))::int AS "attendedSessions",
         coalesce(min(mk.recency) FILTER (WHERE NOT mk.present) - 1, count(mk.membership_id))::int
           AS "currentStreak",
         coalesce(min(mk.recency) FILTER (WHERE mk.present) - 1, count(mk.membership_id))::int
           AS "trailingAbsences"
    FROM scope sc LEFT JOIN marks mk ON mk.membership_id = sc.id
   GROUP BY sc.id, sc.participant_id, sc.activity_id`;

export function participationFigures(
  manager: EntityManager,
  filter: { activityId?: string; participantId?: string },
  asOf: string,
  windowWeeks: number,
): Promise<ParticipationRow[]> {
  return manager.query(PARTICIPATION_SQL, [
    filter.activityId ?? null,
    filter.participantId ?? null,
    asOf,
    windowWeeks,
  ]) as Promise<ParticipationRow[]>;
}

/** The plain aggregate it is benchmarked against: attended / held per membership, nothing else. */
export const PLAIN_AGGREGATE_SQL = `
  SELECT m.id, count(s.id)::int AS held, (count(*) FILTER (WHERE a.present))::int AS attended
    FROM memberships m
    JOIN sessions s ON s.activity_id = m.activity_id AND s.held_on > $2::date - 56 AND s.held_on <= $2::date
    LEFT JOIN attendance a ON a.session_id = s.id AND a.participant_id = m.participant_id
   WHERE m.activity_id = $1
   GROUP BY m.id`;
