import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ActivityKind,
  activityChangedV1,
  type ParticipantOrigin,
  type ParticipationMilestone,
  participationMilestoneV1,
  type ReferralStatus,
  referralStatusChangedV1,
  type TargetGroup,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { type EventContext, OutboxWriter } from '@reintegra/platform-messaging';
import type { ActivityRow } from './activities.queries';

/** What a person's request causes is theirs: `user:<subject>`, under the request's correlation id. */
export const requestContext = (actor: Actor, correlationId: string): EventContext => ({
  actor: actorReference(actor),
  correlationId,
});

export interface MilestoneFacts {
  participantId: string;
  activityId: string;
  municipalityCode: string;
  origin: ParticipantOrigin;
  caseId?: string | null;
  referralId?: string | null;
  milestone: ParticipationMilestone;
  ruleVersion?: string;
  attendedSessions?: number;
  eligibleSessions?: number;
  reasonCode?: string;
}

/**
 * Maps the service's facts to its events, written to the outbox in the caller's transaction. Ids
 * and codes only: never a title, a place name, a person's name, notes, or how someone was referred.
 */
@Injectable()
export class CommunityEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async activityChanged(
    manager: EntityManager,
    activity: ActivityRow,
    change: 'opened' | 'updated' | 'closed',
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      activityChangedV1,
      {
        subject: activity.id,
        time: now,
        data: {
          activityId: activity.id,
          providerId: activity.providerId,
          municipalityCode: activity.municipalityCode,
          ...(activity.districtCode ? { districtCode: activity.districtCode } : {}),
          kind: activity.kind as ActivityKind,
          change,
          open: activity.open,
          capacity: activity.capacity,
          seatsTaken: activity.seatsTaken,
          targetGroups: activity.targetGroups as TargetGroup[],
          languages: activity.languages,
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async milestone(
    manager: EntityManager,
    facts: MilestoneFacts,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      participationMilestoneV1,
      {
        subject: facts.caseId ?? facts.participantId,
        time: now,
        data: {
          participantId: facts.participantId,
          activityId: facts.activityId,
          municipalityCode: facts.municipalityCode,
          origin: facts.origin,
          ...(facts.caseId ? { caseId: facts.caseId } : {}),
          ...(facts.referralId ? { referralId: facts.referralId } : {}),
          milestone: facts.milestone,
          ...(facts.ruleVersion ? { ruleVersion: facts.ruleVersion } : {}),
          ...(facts.attendedSessions !== undefined
            ? { attendedSessions: facts.attendedSessions }
            : {}),
          ...(facts.eligibleSessions !== undefined
            ? { eligibleSessions: facts.eligibleSessions }
            : {}),
          ...(facts.reasonCode ? { reasonCode: facts.reasonCode } : {}),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async referralStatus(
    manager: EntityManager,
    report: {
      referralId: string;
      caseId: string;
      providerId: string;
      status: ReferralStatus;
      reasonCode?: string;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      referralStatusChangedV1,
      {
        subject: report.caseId,
        time: now,
        data: {
          referralId: report.referralId,
          caseId: report.caseId,
          service: 'community',
          providerId: report.providerId,
          status: report.status,
          ...(report.reasonCode ? { reasonCode: report.reasonCode } : {}),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }
}
