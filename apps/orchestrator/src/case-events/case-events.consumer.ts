import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  assessmentCompletedV1,
  caseClosedV1,
  consentWithdrawnV1,
  caseTransferredV1,
  episodeOpenedV1,
  planApprovedV1,
  referralRequestedV1,
  referralRevokedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
  TOPICS,
  type AssessmentCompletedV1,
  type CaseClosedV1,
  type ConsentWithdrawnV1,
  type CaseTransferredV1,
  type EpisodeOpenedV1,
  type EventEnvelope,
  type PlanApprovedV1,
  type ReferralRequestedV1,
  type ReferralRevokedV1,
  type ReferralStatusChangedV1,
  type ReturneeRegisteredV1,
} from '@reintegra/event-contracts';
import { EventConsumer } from '@reintegra/platform-messaging';
import { CaseLifecycleEventsHandler } from './case-lifecycle-events.service';
import { ConsentEventsHandler } from './consent-events.service';
import { ReferralEventsHandler } from './referral-events.service';
import { StartReintegrationPathHandler } from './start-reintegration-path.service';

/** The Kafka→Temporal bridge: case events drive each returnee's reintegration path. */
@Controller()
export class CaseEventsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly startPath: StartReintegrationPathHandler,
    private readonly referrals: ReferralEventsHandler,
    private readonly lifecycle: CaseLifecycleEventsHandler,
    private readonly consents: ConsentEventsHandler,
  ) {}

  @EventPattern(TOPICS.intakeReturnees)
  onReturneeEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [returneeRegisteredV1.type]: (event, position) =>
        this.startPath.handle(event as EventEnvelope<ReturneeRegisteredV1>, position),
      [episodeOpenedV1.type]: (event, position) =>
        this.startPath.handle(event as EventEnvelope<EpisodeOpenedV1>, position),
      [assessmentCompletedV1.type]: (event, position) =>
        this.lifecycle.assessmentCompleted(event as EventEnvelope<AssessmentCompletedV1>, position),
      [planApprovedV1.type]: (event, position) =>
        this.lifecycle.planApproved(event as EventEnvelope<PlanApprovedV1>, position),
      [caseClosedV1.type]: (event, position) =>
        this.lifecycle.caseClosed(event as EventEnvelope<CaseClosedV1>, position),
      [caseTransferredV1.type]: (event, position) =>
        this.lifecycle.caseTransferred(event as EventEnvelope<CaseTransferredV1>, position),
    });
  }

  @EventPattern(TOPICS.intakeReferrals)
  onReferralRequest(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRequestedV1.type]: (event, position) =>
        this.referrals.requested(event as EventEnvelope<ReferralRequestedV1>, position),
      [referralRevokedV1.type]: (event, position) =>
        this.referrals.revoked(event as EventEnvelope<ReferralRevokedV1>, position),
    });
  }

  @EventPattern(TOPICS.referralStatus)
  onReferralStatus(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralStatusChangedV1.type]: (event, position) =>
        this.referrals.statusChanged(event as EventEnvelope<ReferralStatusChangedV1>, position),
    });
  }

  /** A withdrawn referral consent ends the path's open referrals to that service. */
  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [consentWithdrawnV1.type]: (event, position) =>
        this.consents.withdrawn(event as EventEnvelope<ConsentWithdrawnV1>, position),
    });
  }
}
