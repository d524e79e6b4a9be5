import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testDatabaseUrl,
} from '@reintegra/testing';

/** Topics intake and the orchestrator consume. */
const CONSUMED = [
  TOPICS.intakeReturnees,
  TOPICS.intakeReferrals,
  TOPICS.referralStatus,
  TOPICS.pathEvents,
];

/**
 * Intake and the orchestrator as real processes for one spec: its own ports, task queue and
 * consumer groups, the groups starting at the end of the topics (only the spec's own events).
 */
export class PathServices {
  readonly intake: ServiceProcess;
  readonly orchestrator: ServiceProcess;
  readonly intakeEnv: Record<string, string>;
  readonly orchestratorEnv: Record<string, string>;
  private readonly groups: readonly string[];

  constructor(
    name: string,
    ports: { intake: number; orchestrator: number; temporalMetrics?: number },
    /** Settings both services get besides the stack's (e.g. the trace receiver). */
    extraEnv: Record<string, string> = {},
  ) {
    const stack = currentTestStack();
    const common = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: `reintegration-paths-${name}`,
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...extraEnv,
    };
    this.groups = [`intake-${name}`, `orchestrator-${name}`];
    this.intakeEnv = {
      ...common,
      DATABASE_URL: testDatabaseUrl('intake', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('intake', 'migrator'),
      KAFKA_CONSUMER_GROUP: `intake-${name}`,
    };
    this.orchestratorEnv = {
      ...common,
      DATABASE_URL: testDatabaseUrl('orchestrator', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('orchestrator', 'migrator'),
      KAFKA_CONSUMER_GROUP: `orchestrator-${name}`,
      CONSUMER_MAX_ATTEMPTS: '2',
      ...(ports.temporalMetrics ? { TEMPORAL_METRICS_PORT: String(ports.temporalMetrics) } : {}),
    };
    this.intake = new ServiceProcess('intake', ports.intake, this.intakeEnv);
    this.orchestrator = new ServiceProcess(
      'orchestrator',
      ports.orchestrator,
      this.orchestratorEnv,
    );
  }

  get orchestratorGroup(): string {
    return this.orchestratorEnv['KAFKA_CONSUMER_GROUP'] ?? '';
  }

  async start(): Promise<void> {
    const brokers = currentTestStack().kafkaBrokers;
    await Promise.all([
      runToCompletion('intake', 'migrate', this.intakeEnv),
      runToCompletion('orchestrator', 'migrate', this.orchestratorEnv),
      ...this.groups.map((group) => startGroupAtEnd(brokers, group, CONSUMED)),
    ]);
    await Promise.all([this.intake.start(), this.orchestrator.start()]);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.intake.stop(), this.orchestrator.stop()]);
  }
}
