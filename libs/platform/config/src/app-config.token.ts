/** Injection token of the service's validated configuration object (see ServiceCoreModule). */
export const APP_CONFIG = Symbol('APP_CONFIG');
