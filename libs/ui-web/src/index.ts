export * from './api';
export * from './focus';
export * from './freshness';
export * from './freshness-note';
export * from './i18n';
export * from './layout';
export * from './problem';
export * from './router';
