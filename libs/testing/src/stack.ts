import { createConnection } from 'node:net';

/**
 * Where the integration tests find PostgreSQL, Kafka and Temporal. One interface, two sources:
 * the project's local stack (infra/stack.sh, no Docker needed) or testcontainers when a Docker
 * engine is reachable. Choose explicitly with TEST_STACK=local|testcontainers.
 */
export interface TestStack {
  readonly kind: 'local' | 'testcontainers';
  readonly postgres: { host: string; port: number };
  readonly kafkaBrokers: string[];
  readonly temporalAddress: string;
  readonly temporalNamespace: string;
  stop(): Promise<void>;
}

/** The variables a TestStack exports so that jest workers (and spawned services) can find it. */
export function stackEnvironment(stack: TestStack): Record<string, string> {
  return {
    TEST_STACK_KIND: stack.kind,
    PG_HOST: stack.postgres.host,
    PG_PORT: String(stack.postgres.port),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
  };
}

/** Reads the stack exported by the jest global setup (see `startTestStack`). */
export function currentTestStack(env: NodeJS.ProcessEnv = process.env) {
  const required = (name: string) => {
    const value = env[name];
    if (!value)
      throw new Error(`${name} is not set: run integration tests through their jest config`);
    return value;
  };
  return {
    postgres: { host: required('PG_HOST'), port: Number(required('PG_PORT')) },
    kafkaBrokers: required('KAFKA_BROKERS').split(','),
    temporalAddress: required('TEMPORAL_ADDRESS'),
    temporalNamespace: required('TEMPORAL_NAMESPACE'),
  };
}

/** Test database of a service (`<database>_test`) with its application or migration role. */
export function testDatabaseUrl(database: string, role: 'app' | 'migrator', env = process.env) {
  const { postgres } = currentTestStack(env);
  return `postgres://${database}_${role}:${database}_${role}_pw@${postgres.host}:${postgres.port}/${database}_test`;
}

export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
