export * from './reintegration-path';
