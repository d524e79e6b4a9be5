import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { EVENT_CONSUMER_OPTIONS, EventConsumer, type EventConsumerOptions } from './event-consumer';
import { Inbox } from './inbox';
import { OUTBOX_RELAY_OPTIONS, OutboxRelay, type OutboxRelayOptions, OutboxWriter } from './outbox';

/** The outbox (writer + relay) of a publishing service and the consumer edge (+ inbox) of a consuming one. */
@Module({})
export class PlatformMessagingModule {
  static forRoot(options: {
    outbox?: OutboxRelayOptions;
    consumer?: EventConsumerOptions;
  }): DynamicModule {
    const providers: Provider[] = [];
    if (options.outbox) {
      providers.push(OutboxWriter, OutboxRelay, {
        provide: OUTBOX_RELAY_OPTIONS,
        useValue: options.outbox,
      });
    }
    if (options.consumer) {
      providers.push(Inbox, EventConsumer, {
        provide: EVENT_CONSUMER_OPTIONS,
        useValue: options.consumer,
      });
    }
    return {
      module: PlatformMessagingModule,
      global: true,
      providers,
      exports: providers.filter((provider): provider is Provider => typeof provider === 'function'),
    };
  }
}
