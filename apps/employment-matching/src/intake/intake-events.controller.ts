import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  type ConsentGrantedV1,
  consentGrantedV1,
  type ConsentWithdrawnV1,
  consentWithdrawnV1,
  type EpisodeOpenedV1,
  episodeOpenedV1,
  type EventEnvelope,
  type ReferralRequestedV1,
  referralRequestedV1,
  type ReferralRevokedV1,
  referralRevokedV1,
  type ReferralRoutedV1,
  referralRoutedV1,
  type ReturneeRegisteredV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer, Inbox, type MessagePosition } from '@reintegra/platform-messaging';
import type { EmploymentMatchingConfig } from '../config';
import { type EventContext, SYSTEM_ACTOR } from '../events/employment-events';
import { IntakeEvents } from './intake-events';

/**
 * The Kafka edge: every event is parsed against its contract (bad ones go to the dead-letter
 * topic) and handled once (inbox), in one transaction with everything it causes, including the
 * events this service publishes in answer (outbox).
 */
@Controller()
export class IntakeEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly intake: IntakeEvents,
    @Inject(APP_CONFIG) private readonly config: EmploymentMatchingConfig,
  ) {}

  @EventPattern(TOPICS.intakeReferrals)
  onReferral(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRequestedV1.type]: this.once<ReferralRequestedV1>((manager, data, ctx) =>
        this.intake.referralRequested(manager, data, ctx),
      ),
      [referralRevokedV1.type]: this.once<ReferralRevokedV1>((manager, data, ctx) =>
        this.intake.referralRevoked(manager, data, ctx),
      ),
    });
  }

  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [consentGrantedV1.type]: this.once<ConsentGrantedV1>((manager, data) =>
        this.intake.consentGranted(manager, data),
      ),
      [consentWithdrawnV1.type]: this.once<ConsentWithdrawnV1>((manager, data, ctx) =>
        this.intake.consentWithdrawn(manager, data, ctx),
      ),
    });
  }

  @EventPattern(TOPICS.intakeReturnees)
  onReturnee(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [returneeRegisteredV1.type]: this.once<ReturneeRegisteredV1>((manager, data) =>
        this.intake.residence(manager, data),
      ),
      [episodeOpenedV1.type]: this.once<EpisodeOpenedV1>((manager, data) =>
        this.intake.residence(manager, data),
      ),
    });
  }

  /** Withdrawals by the orchestrator (first acceptance wins; re-routing). */
  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [referralRoutedV1.type]: this.once<ReferralRoutedV1>((manager, data, ctx) =>
        this.intake.referralWithdrawn(manager, data, ctx),
      ),
    });
  }

  private once<T>(
    handler: (manager: EntityManager, data: T, context: EventContext) => Promise<void>,
  ) {
    return async (event: EventEnvelope, position: MessagePosition): Promise<void> => {
      await this.inbox.processOnce(
        {
          consumer: this.config.KAFKA_CONSUMER_GROUP,
          eventId: event.id,
          eventType: event.type,
          ...position,
        },
        (manager) =>
          handler(manager, event.data as T, {
            actor: SYSTEM_ACTOR,
            correlationId: event.correlationid,
            causationId: event.id,
          }),
      );
    };
  }
}
