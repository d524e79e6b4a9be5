export * from './service-definition';
export * from './service-config';
