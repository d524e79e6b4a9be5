import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { AsyncModuleOptions, TemporalTlsOptions } from '@reintegra/platform-config';
import { HealthRegistry } from '@reintegra/platform-http';
import { tracingClientInterceptors } from './temporal-tracing';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

export interface TemporalClientOptions {
  address: string;
  namespace: string;
  /** temporalTlsOptions of the validated config; undefined = plaintext (the dev server). */
  tls?: TemporalTlsOptions;
}

@Injectable()
class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    registry: HealthRegistry,
  ) {
    registry.register('temporal', async () => {
      await this.connection.healthService.check({});
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** A Temporal client (start, signal, query workflows) for the configured namespace. */
@Global()
@Module({})
export class PlatformTemporalClientModule {
  static forRootAsync(options: AsyncModuleOptions<TemporalClientOptions>): DynamicModule {
    const OPTIONS = Symbol('TEMPORAL_CLIENT_OPTIONS');
    return {
      module: PlatformTemporalClientModule,
      providers: [
        { provide: OPTIONS, inject: options.inject, useFactory: options.useFactory },
        {
          provide: TEMPORAL_CONNECTION,
          inject: [OPTIONS],
          useFactory: (o: TemporalClientOptions) =>
            Connection.connect({ address: o.address, ...(o.tls ? { tls: o.tls } : {}) }),
        },
        {
          provide: Client,
          inject: [TEMPORAL_CONNECTION, OPTIONS],
          useFactory: (connection: Connection, o: TemporalClientOptions) =>
            new Client({
              connection,
              namespace: o.namespace,
              interceptors: tracingClientInterceptors(),
            }),
        },
        TemporalClientLifecycle,
      ],
      exports: [Client, TEMPORAL_CONNECTION],
    };
  }
}
