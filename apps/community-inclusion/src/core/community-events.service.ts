import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ActivityKind,
  activityChangedV1,
  participationMilestoneV1,
  type ParticipationMilestoneV1,
  type TargetGroup,
} from '@reintegra/event-contracts';
import {
  type EventContext,
  type EventFacts,
  publishFacts,
  OutboxWriter,
  type ReferralStatusPublisher,
  referralStatusPublisher,
} from '@reintegra/platform-messaging';
import type { ActivityRow } from './activities.queries';

/** What a participation milestone says (ids and codes only). */
export type MilestoneFacts = EventFacts<ParticipationMilestoneV1>;

/**
 * Maps the service's facts to its events, written to the outbox in the caller's transaction. Ids
 * and codes only: never a title, a place name, a person's name, notes, or how someone was referred.
 */
@Injectable()
export class CommunityEvents {
  /** The service's answers to referrals (closed loop). */
  readonly referralStatus: ReferralStatusPublisher;

  constructor(private readonly outbox: OutboxWriter) {
    this.referralStatus = referralStatusPublisher(outbox, 'community');
  }

  async activityChanged(
    manager: EntityManager,
    activity: ActivityRow,
    change: 'opened' | 'updated' | 'closed',
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await publishFacts(
      this.outbox,
      manager,
      activityChangedV1,
      activity.id,
      {
        activityId: activity.id,
        providerId: activity.providerId,
        municipalityCode: activity.municipalityCode,
        districtCode: activity.districtCode,
        kind: activity.kind as ActivityKind,
        change,
        open: activity.open,
        capacity: activity.capacity,
        seatsTaken: activity.seatsTaken,
        targetGroups: activity.targetGroups as TargetGroup[],
        languages: activity.languages,
      },
      context,
      now,
    );
  }

  milestone(
    manager: EntityManager,
    facts: MilestoneFacts,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    const subject = facts.caseId ?? facts.participantId;
    return publishFacts(
      this.outbox,
      manager,
      participationMilestoneV1,
      subject,
      facts,
      context,
      now,
    );
  }
}
