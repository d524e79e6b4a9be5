export * from './actor';
export * from './auth-config';
export * from './token-verifier';
export * from './decorators';
export * from './access.guard';
export * from './auth.module';
export * from './dev-token-issuer';
export * from './service-token';
