import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  returneeRegisteredV1,
  TOPICS,
  type ReturneeRegisteredV1,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import { EventConsumer } from '@reintegra/platform-messaging';
import { StartReintegrationPathHandler } from './start-reintegration-path.handler';

/** The Kafka→Temporal bridge: case events drive each returnee's reintegration path. */
@Controller()
export class CaseEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly startPath: StartReintegrationPathHandler,
  ) {}

  @EventPattern(TOPICS.intakeReturnees)
  onReturneeEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      [returneeRegisteredV1.type]: (event, position) =>
        this.startPath.handle(event as EventEnvelope<ReturneeRegisteredV1>, position),
    });
  }
}
