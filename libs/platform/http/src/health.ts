import { Controller, Get, Global, Injectable, Module } from '@nestjs/common';
import { Public } from '@reintegra/platform-auth';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TerminusModule,
  type HealthIndicatorResult,
} from '@nestjs/terminus';

type Probe = () => Promise<void>;

/**
 * Dependencies register a probe here (database, Kafka, Temporal); `GET /health` runs them all.
 * A probe resolves when the dependency answers and throws when it does not.
 */
@Injectable()
export class HealthRegistry {
  private readonly probes = new Map<string, Probe>();

  constructor(private readonly indicators: HealthIndicatorService) {}

  register(name: string, probe: Probe): void {
    this.probes.set(name, probe);
  }

  checks(): Array<() => Promise<HealthIndicatorResult>> {
    return [...this.probes].map(([name, probe]) => async () => {
      const indicator = this.indicators.check(name);
      try {
        await withTimeout(probe(), 3000);
        return indicator.up();
      } catch (error) {
        return indicator.down({ message: (error as Error).message });
      }
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Open to load balancers and orchestration; reports dependency names and states only. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly registry: HealthRegistry,
  ) {}

  /** Readiness: every registered dependency answers. 503 otherwise. */
  @Get()
  @HealthCheck()
  ready() {
    return this.health.check(this.registry.checks());
  }

  /** Liveness: the process serves requests. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class PlatformHealthModule {}
