import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  freePort,
  runToCompletion,
  ServiceProcess,
  shredForeignCaseKeys,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  scratchDir,
} from '@reintegra/testing';

/** Every service with an HTTP API, and its database. */
export const FUZZED_SERVICES = [
  { app: 'intake', database: 'intake' },
  { app: 'orchestrator', database: 'orchestrator' },
  { app: 'employment-matching', database: 'employment_matching' },
  { app: 'education-enrolment', database: 'education_enrolment' },
  { app: 'victim-support', database: 'victim_support' },
  { app: 'supervisor-api', database: 'supervisor' },
  { app: 'partner-gateway', database: 'partner_gateway' },
  { app: 'community-inclusion', database: 'community_inclusion' },
  { app: 'service-directory', database: 'service_directory' },
  { app: 'notifications', database: 'notifications' },
] as const;

export type FuzzedApp = (typeof FUZZED_SERVICES)[number]['app'];

/**
 * Every service as a real process from the build, each on a free port with its own consumer
 * group (at the end of the topics) and Temporal task queue, trusting the test identity's tokens.
 * Services that call another one are pointed at the running one, so a route never fails only
 * because its neighbour is absent.
 */
export class FuzzServices {
  readonly processes = new Map<FuzzedApp, ServiceProcess>();
  private identity: ServiceProcess | undefined;
  private readonly envs = new Map<FuzzedApp, Record<string, string>>();
  private readonly groups: string[] = [];

  async start(): Promise<void> {
    const stack = currentTestStack();
    const run = randomUUID().slice(0, 8);
    const ports = new Map<FuzzedApp, number>();
    for (const { app } of FUZZED_SERVICES) ports.set(app, await freePort());
    const url = (app: FuzzedApp) => `http://127.0.0.1:${ports.get(app)}`;
    const secrets = scratchDir('api-fuzz');
    const kekFile = join(secrets, 'kek.b64');
    writeFileSync(kekFile, Buffer.alloc(32, 9).toString('base64'), { mode: 0o600 });
    // The dev identity signs with the test identity's key: its tokens are trusted like testToken's.
    const keyFile = join(secrets, 'identity-key.json');
    writeFileSync(keyFile, process.env['TEST_AUTH_PRIVATE_JWK'] ?? '', { mode: 0o600 });
    this.identity = new ServiceProcess('dev-identity', await freePort(), {
      NODE_ENV: 'test',
      AUTH_ISSUER: testAuthEnvironment()['AUTH_ISSUER'] ?? '',
      DEV_IDENTITY_KEY_FILE: keyFile,
    });
    const identity = { DEV_IDENTITY_URL: this.identity.url };
    const neighbours: Partial<Record<FuzzedApp, Record<string, string>>> = {
      orchestrator: { DIRECTORY_URL: url('service-directory'), ...identity },
      'supervisor-api': {
        INTAKE_URL: url('intake'),
        COMMUNITY_URL: url('community-inclusion'),
        ...identity,
      },
      notifications: { INTAKE_URL: url('intake'), ...identity },
      'victim-support': { VICTIM_SUPPORT_KEK_FILE: kekFile },
    };
    for (const { app, database } of FUZZED_SERVICES) {
      const group = `${app}-fuzz-${run}`;
      this.groups.push(group);
      const env = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        TEMPORAL_ADDRESS: stack.temporalAddress,
        TEMPORAL_NAMESPACE: stack.temporalNamespace,
        TEMPORAL_TASK_QUEUE: `reintegration-paths-fuzz-${run}`,
        OUTBOX_POLL_INTERVAL_MS: '500',
        DATABASE_URL: testDatabaseUrl(database, 'app'),
        DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
        KAFKA_CONSUMER_GROUP: group,
        ...testAuthEnvironment(),
        ...neighbours[app],
      };
      this.envs.set(app, env);
      this.processes.set(app, new ServiceProcess(app, ports.get(app) ?? 0, env));
    }
    const brokers = stack.kafkaBrokers;
    await Promise.all([
      ...[...this.envs].map(([app, env]) => runToCompletion(app, 'migrate', env)),
      ...this.groups.map((group) => startGroupAtEnd(brokers, group, Object.values(TOPICS))),
    ]);
    await shredForeignCaseKeys();
    // Eleven processes: each adds an exit guard, and on 2 busy cores they boot three at a time
    // so that none misses its start-up deadline.
    process.setMaxListeners(32);
    await this.identity.start();
    const services = [...this.processes.values()];
    for (let i = 0; i < services.length; i += 3) {
      await Promise.all(services.slice(i, i + 3).map((service) => service.start()));
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.processes.values()].map((process) => process.stop()));
    await this.identity?.stop();
    // Referrals the fuzzing sent got case keys wrapped with this run's key file: shred them, so
    // that victim support's own suite (its fixed test key) can start after this one.
    await shredForeignCaseKeys();
  }
}
