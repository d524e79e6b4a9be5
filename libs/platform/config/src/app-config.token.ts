/** Injection token of the service's validated configuration object (see ServiceCoreModule). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * What a platform module's `forRootAsync` takes: its options, built from injected providers
 * (usually APP_CONFIG) when the module starts.
 */
export interface AsyncModuleOptions<T> {
  inject: Array<string | symbol>;
  useFactory: (...args: never[]) => T;
}
