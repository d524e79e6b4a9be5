export * from './envelope';
export * from './key-provider';
