import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ParticipantOrigin } from '@reintegra/event-contracts';
import type { EventContext } from '@reintegra/platform-messaging';
import { findActivity } from './activities.queries';
import { CommunityEvents } from './community-events.service';

export interface MembershipRow {
  id: string;
  activityId: string;
  participantId: string;
  referralId: string | null;
  status: string;
  municipalityCode: string;
  origin: ParticipantOrigin;
  caseId: string | null;
}

export const MEMBERSHIP_COLUMNS = `m.id, m.activity_id AS "activityId", m.participant_id AS "participantId",
  m.referral_id AS "referralId", m.status, a.municipality_code AS "municipalityCode", p.origin,
  p.case_id AS "caseId"`;

/** Ending a person's place in an activity: used by consent withdrawal, revocation and the facilitator. */
@Injectable()
export class Memberships {
  constructor(private readonly events: CommunityEvents) {}

  /** Live memberships of a case (returnee), locked. */
  async liveOfCase(manager: EntityManager, caseId: string): Promise<MembershipRow[]> {
    return (await manager.query(
      `SELECT ${MEMBERSHIP_COLUMNS}
         FROM memberships m JOIN activities a ON a.id = m.activity_id
         JOIN participants p ON p.id = m.participant_id
        WHERE p.case_id = $1 AND m.status = 'active' FOR UPDATE OF m`,
      [caseId],
    )) as MembershipRow[];
  }

  async find(manager: EntityManager, id: string): Promise<MembershipRow | undefined> {
    const rows = (await manager.query(
      `SELECT ${MEMBERSHIP_COLUMNS}
         FROM memberships m JOIN activities a ON a.id = m.activity_id
         JOIN participants p ON p.id = m.participant_id
        WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    )) as MembershipRow[];
    return rows[0];
  }

  /** Frees the seat and publishes `withdrawn`; a membership already ended is left alone. */
  async withdraw(
    manager: EntityManager,
    membership: MembershipRow,
    reasonCode: string,
    context: EventContext,
  ): Promise<boolean> {
    if (membership.status !== 'active') return false;
    await manager.query(`SELECT 1 FROM activities WHERE id = $1 FOR UPDATE`, [
      membership.activityId,
    ]);
    await manager.query(
      `UPDATE memberships SET status = 'withdrawn', reason_code = $2, updated_at = now() WHERE id = $1`,
      [membership.id, reasonCode],
    );
    await manager.query(
      `UPDATE activities SET seats_taken = seats_taken - 1, updated_at = now() WHERE id = $1`,
      [membership.activityId],
    );
    const activity = await findActivity(manager, membership.activityId);
    if (activity) await this.events.activityChanged(manager, activity, 'updated', context);
    await this.events.milestone(
      manager,
      {
        participantId: membership.participantId,
        activityId: membership.activityId,
        municipalityCode: membership.municipalityCode,
        origin: membership.origin,
        caseId: membership.caseId,
        referralId: membership.referralId,
        milestone: 'withdrawn',
        reasonCode,
      },
      context,
    );
    return true;
  }
}
