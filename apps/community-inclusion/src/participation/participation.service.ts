import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ParticipantOrigin } from '@reintegra/event-contracts';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { EventContext } from '@reintegra/platform-messaging';
import type { CommunityInclusionConfig } from '../config';
import { type ActivityRow, managedActivity, today } from '../core/activities.queries';
import { CommunityEvents } from '../core/community-events.service';
import {
  participationRule,
  type ParticipationRule,
  type ParticipationStanding,
  standingUnder,
} from '../core/participation-rules';
import { ReferralLedger } from '../core/referral-ledger.service';
import { participantNotFound } from '../core/scope';
import { participationFigures } from './participation.queries';

interface MembershipState {
  id: string;
  participantId: string;
  referralId: string | null;
  origin: ParticipantOrigin;
  caseId: string | null;
  attendedOnce: boolean;
  sustained: boolean;
  droppedOff: boolean;
  displayName: string | null;
}

/**
 * Sustained participation under the configured rule version: standings per person and activity,
 * the facilitator's drop-off list, and the milestones (with the referral's progress) that follow
 * each attendance sheet.
 */
@Injectable()
export class ParticipationService {
  readonly rule: ParticipationRule;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: CommunityEvents,
    private readonly ledger: ReferralLedger,
    @Inject(APP_CONFIG) config: CommunityInclusionConfig,
  ) {
    this.rule = participationRule(config.PARTICIPATION_RULE_VERSION);
  }

  private async states(
    manager: EntityManager,
    activityId: string,
  ): Promise<Map<string, MembershipState>> {
    const rows = (await manager.query(
      `SELECT m.id, m.participant_id AS "participantId", m.referral_id AS "referralId", p.origin,
              p.case_id AS "caseId", m.attended_once AS "attendedOnce",
              m.sustained_at IS NOT NULL AS sustained, m.dropped_off_at IS NOT NULL AS "droppedOff",
              p.display_name AS "displayName"
         FROM memberships m JOIN participants p ON p.id = m.participant_id
        WHERE m.activity_id = $1 AND m.status IN ('active', 'completed')`,
      [activityId],
    )) as MembershipState[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** After an attendance sheet: first attendance, sustained, dropping off (and back), each once. */
  async evaluate(
    manager: EntityManager,
    activity: ActivityRow,
    context: EventContext,
  ): Promise<void> {
    const states = await this.states(manager, activity.id);
    const figures = await participationFigures(
      manager,
      { activityId: activity.id },
      today(),
      this.rule.windowWeeks,
    );
    for (const row of figures) {
      const state = states.get(row.membershipId);
      if (!state) continue;
      const standing = standingUnder(this.rule, row);
      const facts = {
        participantId: state.participantId,
        activityId: activity.id,
        municipalityCode: activity.municipalityCode,
        origin: state.origin,
        caseId: state.caseId,
        referralId: state.referralId,
      };
      const counts = {
        ruleVersion: this.rule.version,
        attendedSessions: standing.attendedSessions,
        eligibleSessions: standing.eligibleSessions,
      };
      if (!state.attendedOnce && standing.attendedSessions > 0) {
        await manager.query(
          `UPDATE memberships SET attended_once = true, updated_at = now() WHERE id = $1`,
          [state.id],
        );
        await this.events.milestone(manager, { ...facts, milestone: 'first-attendance' }, context);
        if (state.referralId)
          await this.ledger.move(
            manager,
            state.referralId,
            'in-progress',
            { providerId: activity.providerId },
            context,
          );
      }
      if (!state.sustained && standing.sustained) {
        await manager.query(
          `UPDATE memberships SET sustained_at = now(), updated_at = now() WHERE id = $1`,
          [state.id],
        );
        await this.events.milestone(
          manager,
          { ...facts, ...counts, milestone: 'sustained' },
          context,
        );
        // Sustained participation completes the community referral.
        if (state.referralId)
          await this.ledger.move(
            manager,
            state.referralId,
            'completed',
            { providerId: activity.providerId },
            context,
          );
      }
      if (standing.droppingOff !== state.droppedOff) {
        await manager.query(
          `UPDATE memberships SET dropped_off_at = CASE WHEN $2 THEN now() END, updated_at = now() WHERE id = $1`,
          [state.id, standing.droppingOff],
        );
        if (standing.droppingOff)
          await this.events.milestone(
            manager,
            { ...facts, ...counts, milestone: 'dropped-off' },
            context,
          );
      }
    }
  }

  /** Every person's standing in an activity, with the activity's totals (its facilitators, admin). */
  async forActivity(activityId: string, actor: Actor) {
    const activity = await managedActivity(this.dataSource.manager, actor, activityId);
    const states = await this.states(this.dataSource.manager, activity.id);
    const figures = await participationFigures(
      this.dataSource.manager,
      { activityId },
      today(),
      this.rule.windowWeeks,
    );
    const people = figures.map((row) => {
      const state = states.get(row.membershipId);
      return {
        membershipId: row.membershipId,
        participantId: row.participantId,
        displayName: state?.displayName ?? null,
        origin: state?.origin,
        ...standingUnder(this.rule, row),
      };
    });
    return {
      activityId,
      rule: this.rule,
      participants: people.length,
      sustained: people.filter((p) => p.sustained).length,
      sustainedShare: people.length
        ? people.filter((p) => p.sustained).length / people.length
        : null,
      people,
    };
  }

  /** The facilitator's drop-off list: the latest sessions missed in a row, longest first. */
  async dropOffs(activityId: string, actor: Actor) {
    const report = await this.forActivity(activityId, actor);
    return {
      activityId,
      ruleVersion: this.rule.version,
      dropOffAbsences: this.rule.dropOffAbsences,
      people: report.people
        .filter((p: ParticipationStanding) => p.droppingOff)
        .sort((a, b) => b.trailingAbsences - a.trailingAbsences),
    };
  }

  /** One person across the activities they take part in (facilitators of their municipality, admin). */
  async forParticipant(participantId: string, actor: Actor) {
    const [participant] = (await this.dataSource.query(
      `SELECT municipality_code AS "municipalityCode" FROM participants WHERE id = $1`,
      [participantId],
    )) as { municipalityCode: string }[];
    if (
      !participant ||
      !(hasAnyRole(actor, ['admin']) || actor.municipalityCode === participant.municipalityCode)
    )
      throw participantNotFound();
    const figures = await participationFigures(
      this.dataSource.manager,
      { participantId },
      today(),
      this.rule.windowWeeks,
    );
    const visible = [];
    for (const row of figures) {
      try {
        await managedActivity(this.dataSource.manager, actor, row.activityId);
        visible.push({
          activityId: row.activityId,
          membershipId: row.membershipId,
          ...standingUnder(this.rule, row),
        });
      } catch {
        // an activity of another municipality: not the caller's to see
      }
    }
    return { participantId, ruleVersion: this.rule.version, activities: visible };
  }
}
