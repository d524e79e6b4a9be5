export * from './localized-issues';
export * from './zod-validation.pipe';
export * from './problem-details.filter';
export * from './health';
export * from './bootstrap';
export * from './service-core.module';
export * from './correlation-id';
export * from './conditional-requests';
