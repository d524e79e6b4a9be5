import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConsumerLagGauge } from './consumer-lag';
import { EVENT_ORIGIN, eventOriginOf } from './event-context';
import { EVENT_CONSUMER_OPTIONS, EventConsumer, type EventConsumerOptions } from './event-consumer';
import { Inbox } from './inbox';
import { OUTBOX_RELAY_OPTIONS, OutboxRelay, type OutboxRelayOptions, OutboxWriter } from './outbox';

/** The outbox (writer + relay) of a publishing service and the consumer edge (+ inbox) of a consuming one. */
@Module({})
export class PlatformMessagingModule {
  static forRoot(options: {
    /** The service's name: its events' source is `/reintegra/<service>`, its own actor `system:<service>`. */
    service: string;
    outbox?: OutboxRelayOptions;
    consumer?: EventConsumerOptions;
  }): DynamicModule {
    const origin: Provider = { provide: EVENT_ORIGIN, useValue: eventOriginOf(options.service) };
    const providers: Provider[] = [origin];
    if (options.outbox) {
      providers.push(OutboxWriter, OutboxRelay, {
        provide: OUTBOX_RELAY_OPTIONS,
        useValue: options.outbox,
      });
    }
    if (options.consumer) {
      providers.push(Inbox, EventConsumer, ConsumerLagGauge, {
        provide: EVENT_CONSUMER_OPTIONS,
        useValue: options.consumer,
      });
    }
    return {
      module: PlatformMessagingModule,
      global: true,
      providers,
      exports: [
        EVENT_ORIGIN,
        ...providers.filter((provider): provider is Provider => typeof provider === 'function'),
      ],
    };
  }
}
