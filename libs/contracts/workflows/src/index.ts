export * from './reintegration-path';
export * from './consent-withdrawal';
