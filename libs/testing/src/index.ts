export * from './stack';
export * from './eventually';
export * from './topic-recorder';
export * from './workspace-root';
export * from './test-identity';
export * from './service-process';
export * from './test-identity-keys';
export * from './local-stack';
