import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  referralRequestedV1,
  type ReferralRequestedV1,
  referralRevokedV1,
  type ReferralRevokedV1,
  referralRoutedV1,
  type ReferralRoutedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import type { EventConsumer, EventHandler } from './event-consumer';
import type { Inbox, InboxContext } from './inbox';

/** What a service that takes referrals does with them, inside the inbox transaction of each event. */
export interface ReferralReceiver {
  /** `referral.requested` by intake (one for another service is the receiver's to skip). */
  requested(
    manager: EntityManager,
    data: ReferralRequestedV1,
    context: InboxContext,
  ): Promise<unknown>;
  /** `referral.revoked`: the sender took it back. */
  revoked(manager: EntityManager, data: ReferralRevokedV1, context: InboxContext): Promise<unknown>;
  /**
   * `referral-routed` by the orchestrator: to a provider (re-routing after no capacity), which
   * withdraws it from the others (first acceptance wins).
   */
  routed(manager: EntityManager, data: ReferralRoutedV1, context: InboxContext): Promise<unknown>;
}

/**
 * The Kafka edge of a service that takes referrals: intake's requests and revocations, and the
 * orchestrator's withdrawals. Each event is handled once (inbox), in one transaction with all it
 * causes, including the service's answers (outbox). The app's subclass is its @Controller() and
 * adds the other topics it listens to.
 */
export abstract class ReferralConsumer {
  private readonly requests: Record<string, EventHandler>;
  private readonly withdrawals: Record<string, EventHandler>;

  protected constructor(
    protected readonly consumer: EventConsumer,
    protected readonly inbox: Inbox,
    receiver: ReferralReceiver,
  ) {
    this.requests = {
      ...inbox.on(referralRequestedV1, async (manager, data, context) => {
        await receiver.requested(manager, data, context);
      }),
      ...inbox.on(referralRevokedV1, async (manager, data, context) => {
        await receiver.revoked(manager, data, context);
      }),
    };
    this.withdrawals = inbox.on(referralRoutedV1, async (manager, data, context) => {
      await receiver.routed(manager, data, context);
    });
  }

  @EventPattern(TOPICS.intakeReferrals)
  onReferralEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.requests);
  }

  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, this.withdrawals);
  }
}
