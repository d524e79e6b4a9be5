import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import {
  cohortCapacityChangedV1,
  TOPICS,
  vacancyCapacityChangedV1,
} from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import { CapacityService } from './capacity.service';

/** Live capacity of providers, each event once (inbox), for routing. */
@Controller()
export class CapacityConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    private readonly capacity: CapacityService,
  ) {}

  @EventPattern(TOPICS.serviceCapacity)
  onCapacityEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(cohortCapacityChangedV1, (manager, data) =>
        this.capacity.cohortChanged(manager, data),
      ),
      ...this.inbox.on(vacancyCapacityChangedV1, (manager, data) =>
        this.capacity.vacancyChanged(manager, data),
      ),
    });
  }
}
