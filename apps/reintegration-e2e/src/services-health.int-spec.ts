import { Client } from 'pg';
import {
  currentTestStack,
  runToCompletion,
  ServiceProcess,
  testDatabaseUrl,
} from '@reintegra/testing';

/** Every service boots from its built bundle with validated config and reports its health. */
const stack = currentTestStack();
const services = [
  { app: 'employment-matching', database: 'employment_matching', port: 3203 },
  { app: 'education-enrolment', database: 'education_enrolment', port: 3204 },
  { app: 'victim-support', database: 'victim_support', port: 3205 },
];

const envFor = (database: string) => ({
  NODE_ENV: 'test',
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  DATABASE_URL: testDatabaseUrl(database, 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
});

/**
 * Victim support refuses to start when case keys are wrapped with another key-encryption key (a
 * mistyped key path must not look like data loss). Its own suite leaves keys wrapped with a fixed
 * test key in the shared test database: destroy them (crypto-shredding, as an erasure does) so the
 * key file of this process is the only one in use.
 */
async function shredOtherSuitesCaseKeys(): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl('victim_support', 'migrator') });
  await client.connect();
  try {
    await client.query(
      'UPDATE case_keys SET wrapped_key = NULL, destroyed_at = now() WHERE wrapped_key IS NOT NULL',
    );
  } finally {
    await client.end();
  }
}

describe.each(services)('$app service', ({ app, database, port }) => {
  const service = new ServiceProcess(app, port, envFor(database));

  beforeAll(async () => {
    await runToCompletion(app, 'migrate', envFor(database));
    if (app === 'victim-support') await shredOtherSuitesCaseKeys();
    await service.start();
  });
  afterAll(() => service.stop());

  it('reports its database and Kafka as up on GET /health', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('applies its migrations only once (a second migrate has nothing to do)', async () => {
    await expect(runToCompletion(app, 'migrate', envFor(database))).resolves.toBeUndefined();
  });

  it('refuses to start with invalid configuration, naming the variable but not the secret', async () => {
    const failure = runToCompletion(app, 'main', {
      ...envFor(database),
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      KAFKA_BROKERS: '',
    });
    await expect(failure).rejects.toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    await expect(failure).rejects.toThrow(/KAFKA_BROKERS is required/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
