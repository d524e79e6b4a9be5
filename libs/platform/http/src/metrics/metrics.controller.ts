import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, Inject, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import { UnauthenticatedError } from '@reintegra/platform-errors';
import { metricsPage, metricsRegistry } from './metrics-registry';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus text format. Counts and latencies only, no personal data; still,
 * with METRICS_TOKEN set the scraper must present it (`Authorization: Bearer …`), and the route is
 * meant for the internal network (municipal IT's Prometheus), not the internet.
 */
@Public()
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: Record<string, unknown>) {}

  @Get()
  @Header('content-type', metricsRegistry.contentType)
  @Header('cache-control', 'no-store')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config['METRICS_TOKEN'];
    if (typeof token === 'string' && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new UnauthenticatedError('metrics token missing or wrong');
    }
    return metricsPage();
  }
}

@Module({ controllers: [MetricsController] })
export class PlatformMetricsModule {}
