export * from './topics';
export * from './envelope';
export * from './event-definition';
export * from './catalogue';
export * from './intake/returnee-registered.v1';
export * from './referrals/referral-vocabulary';
export * from './referrals/referral-requested.v1';
export * from './referrals/referral-status-changed.v1';
