export * from './kafka.tokens';
export * from './kafka.module';
export * from './kafka-transport';
export * from './dead-letter.publisher';
export * from './event-consumer';
export * from './outbox';
export * from './inbox';
export * from './messaging-tables.migration';
