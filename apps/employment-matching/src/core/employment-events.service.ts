import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  placementStatusChangedV1,
  type PlacementStatusChangedV1,
  projectStatusChangedV1,
  type ProjectStatusChangedV1,
  retentionCheckedV1,
  type RetentionCheckedV1,
  trainingStatusChangedV1,
  type TrainingStatusChangedV1,
  vacancyCapacityChangedV1,
} from '@reintegra/event-contracts';
import {
  type EventContext,
  type CaseEventPublisher,
  caseEventPublisher,
  OutboxWriter,
  publishFacts,
  type ReferralStatusPublisher,
  referralStatusPublisher,
} from '@reintegra/platform-messaging';

/**
 * Writes the service's events into the outbox, in the caller's transaction: ids, codes and dates
 * only (the contracts refuse anything else).
 */
@Injectable()
export class EmploymentEvents {
  /** What the reintegration workflow hears about a referral (through the orchestrator bridge). */
  readonly referralStatus: ReferralStatusPublisher;
  readonly placementMoved: CaseEventPublisher<PlacementStatusChangedV1>;
  readonly retentionChecked: CaseEventPublisher<RetentionCheckedV1>;
  readonly trainingMoved: CaseEventPublisher<TrainingStatusChangedV1>;
  readonly projectMoved: CaseEventPublisher<ProjectStatusChangedV1>;

  constructor(private readonly outbox: OutboxWriter) {
    this.referralStatus = referralStatusPublisher(outbox, 'employment');
    this.placementMoved = caseEventPublisher(outbox, placementStatusChangedV1);
    this.retentionChecked = caseEventPublisher(outbox, retentionCheckedV1);
    this.trainingMoved = caseEventPublisher(outbox, trainingStatusChangedV1);
    this.projectMoved = caseEventPublisher(outbox, projectStatusChangedV1);
  }

  vacancyCapacity(
    manager: EntityManager,
    vacancy: {
      id: string;
      employerId: string;
      iscoCode: string;
      municipalityCode: string;
      open: boolean;
      posts: number;
      postsFilled: number;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    return publishFacts(
      this.outbox,
      manager,
      vacancyCapacityChangedV1,
      vacancy.id,
      {
        vacancyId: vacancy.id,
        employerId: vacancy.employerId,
        iscoCode: vacancy.iscoCode,
        municipalityCode: vacancy.municipalityCode,
        open: vacancy.open,
        posts: vacancy.posts,
        postsFilled: vacancy.postsFilled,
        postsAvailable: vacancy.posts - vacancy.postsFilled,
      },
      context,
      now,
    );
  }
}
