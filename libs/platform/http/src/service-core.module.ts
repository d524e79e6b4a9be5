import { type DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import { PlatformLoggingModule } from '@reintegra/platform-logging';
import { problemDetailsProvider } from './bootstrap';
import { PlatformHealthModule } from './health';
import { PlatformMetricsModule } from './metrics/metrics.controller';

/**
 * What every service has: its validated configuration (APP_CONFIG), JSON logs, `GET /health`,
 * `GET /metrics` and problem+json errors.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(options: {
    service: string;
    config: { LOG_LEVEL: string } & Record<string, unknown>;
  }): DynamicModule {
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        PlatformLoggingModule.forRoot({
          service: options.service,
          level: options.config.LOG_LEVEL,
        }),
        PlatformHealthModule,
        PlatformMetricsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: options.config }, problemDetailsProvider],
      exports: [APP_CONFIG, PlatformLoggingModule],
    };
  }
}
