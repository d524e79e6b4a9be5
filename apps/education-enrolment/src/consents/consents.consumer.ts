import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { consentWithdrawnV1, TOPICS } from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { ConsentWithdrawal } from './consent-withdrawal.service';

/** Intake's consent events: a withdrawal is honoured once (inbox), in one transaction. */
@Controller()
export class ConsentsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly withdrawal: ConsentWithdrawal,
  ) {}

  @EventPattern(TOPICS.intakeConsents)
  onConsent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(consentWithdrawnV1, (manager, data, ctx) =>
        this.withdrawal.withdrawn(manager, data, ctx),
      ),
    });
  }
}
