import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  type EventEnvelope,
  followUpDueV1,
  type FollowUpDueV1,
  pathPhaseChangedV1,
  type PathPhaseChangedV1,
  referralRoutedV1,
  type ReferralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { EventConsumer } from '@reintegra/platform-messaging';
import { ReferralStatusService } from '../referrals/referral-status.service';
import { PathPhaseService } from './path-phase.service';

/** What the reintegration path decides: referral routing, the case's service phases, follow-up waves. */
@Controller()
export class PathEventsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly referrals: ReferralStatusService,
    private readonly phases: PathPhaseService,
  ) {}

  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRoutedV1.type]: (event, position) =>
        this.referrals.onRouted(event as EventEnvelope<ReferralRoutedV1>, position),
      [pathPhaseChangedV1.type]: (event, position) =>
        this.phases.onPhaseChanged(event as EventEnvelope<PathPhaseChangedV1>, position),
      [followUpDueV1.type]: (event, position) =>
        this.phases.onFollowUpDue(event as EventEnvelope<FollowUpDueV1>, position),
    });
  }
}
