export * from './api';
export * from './focus';
export * from './i18n';
export * from './layout';
export * from './problem';
export * from './router';
