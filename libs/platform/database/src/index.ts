export * from './data-source';
export * from './database.module';
export * from './safe-typeorm-logger';
export * from './append-only-table';
export * from './idempotency';
export * from './prepared-query';
