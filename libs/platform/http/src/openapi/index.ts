export * from './zod-schema';
export * from './problem-details.schema';
export * from './decorators';
export * from './document';
