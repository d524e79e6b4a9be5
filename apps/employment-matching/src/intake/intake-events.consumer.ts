import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  episodeOpenedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { EventConsumer, Inbox, ReferralConsumer } from '@reintegra/platform-messaging';
import { IntakeEvents } from './intake-events.service';

/**
 * The Kafka edge: every event is parsed against its contract (bad ones go to the dead-letter
 * topic) and handled once (inbox), in one transaction with everything it causes, including the
 * events this service publishes in answer (outbox).
 */
@Controller()
export class IntakeEventsConsumer extends ReferralConsumer {
  constructor(
    consumer: EventConsumer,
    inbox: Inbox,
    private readonly intake: IntakeEvents,
  ) {
    super(consumer, inbox, intake);
  }

  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(consentGrantedV1, (manager, data) =>
        this.intake.consentGranted(manager, data),
      ),
      ...this.inbox.on(consentWithdrawnV1, (manager, data, ctx) =>
        this.intake.consentWithdrawn(manager, data, ctx),
      ),
    });
  }

  @EventPattern(TOPICS.intakeReturnees)
  onReturnee(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(returneeRegisteredV1, (manager, data) =>
        this.intake.residence(manager, data),
      ),
      ...this.inbox.on(episodeOpenedV1, (manager, data) => this.intake.residence(manager, data)),
    });
  }
}
