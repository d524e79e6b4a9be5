import { activityChangedV1, participationMilestoneV1 } from '@reintegra/event-contracts';
import { project, type Projections } from './projection-core';

/** Order of a person's steps in one activity, to break a tie between facts of the same time. */
const MILESTONE_RANK = {
  joined: 0,
  'first-attendance': 1,
  sustained: 2,
  'dropped-off': 3,
  withdrawn: 4,
} as const;

/** The incoming milestone is later than the stored one (`p`: the stored row). */
const NEWER = `(p.milestone_at, p.milestone_rank) < (EXCLUDED.milestone_at, EXCLUDED.milestone_rank)`;

/**
 * The community-inclusion service's events: activities and participation milestones, for the
 * dashboard's inclusion indicators. Only codes, counts, the participant's pseudonymous id and
 * origin category are kept (never the case id). Each write keeps the latest fact by its own time,
 * so a repeated or late event changes nothing.
 */
export const communityEventsProjections: Projections = {
  ...project(activityChangedV1, async (db, event) => {
    const { data } = event;
    await db.query(
      `INSERT INTO community_activities
         (activity_id, municipality_code, kind, open, capacity, seats_taken, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (activity_id) DO UPDATE SET
         municipality_code = EXCLUDED.municipality_code, kind = EXCLUDED.kind, open = EXCLUDED.open,
         capacity = EXCLUDED.capacity, seats_taken = EXCLUDED.seats_taken, changed_at = EXCLUDED.changed_at
       WHERE community_activities.changed_at <= EXCLUDED.changed_at`,
      [
        data.activityId,
        data.municipalityCode,
        data.kind,
        data.open,
        data.capacity,
        data.seatsTaken,
        data.occurredAt,
      ],
    );
  }),

  ...project(participationMilestoneV1, async (db, event) => {
    const { data } = event;
    const sustainedAt = data.milestone === 'sustained' ? data.occurredAt : null;
    await db.query(
      `INSERT INTO community_participations AS p
         (activity_id, participant_id, municipality_code, origin, milestone, milestone_rank,
          milestone_at, rule_version, sustained_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (activity_id, participant_id) DO UPDATE SET
         milestone = CASE WHEN ${NEWER} THEN EXCLUDED.milestone ELSE p.milestone END,
         milestone_rank = CASE WHEN ${NEWER} THEN EXCLUDED.milestone_rank ELSE p.milestone_rank END,
         milestone_at = CASE WHEN ${NEWER} THEN EXCLUDED.milestone_at ELSE p.milestone_at END,
         rule_version = CASE WHEN ${NEWER} THEN coalesce(EXCLUDED.rule_version, p.rule_version)
                             ELSE p.rule_version END,
         sustained_at = least(p.sustained_at, EXCLUDED.sustained_at)`,
      [
        data.activityId,
        data.participantId,
        data.municipalityCode,
        data.origin,
        data.milestone,
        MILESTONE_RANK[data.milestone],
        data.occurredAt,
        data.ruleVersion ?? null,
        sustainedAt,
      ],
    );
  }),
};
