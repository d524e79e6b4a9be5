export * from './topics';
export * from './envelope';
export * from './event-definition';
export * from './catalogue';
export * from './intake/returnee-registered.v1';
