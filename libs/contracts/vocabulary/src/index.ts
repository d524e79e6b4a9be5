/**
 * The one source of the domain's code lists: plain `as const` arrays with no dependencies, so
 * that Temporal workflow code (sandboxed bundle) and the browser apps can import them where they
 * cannot import @reintegra/event-contracts (its index pulls in node:crypto).
 */
export * from './case';
export * from './documents';
export * from './reception';
export * from './referral';
