import {
  currentTestStack,
  runToCompletion,
  ServiceProcess,
  shredForeignCaseKeys,
  testDatabaseUrl,
} from '@reintegra/testing';

/** Every service boots from its built bundle with validated config and reports its health. */
const stack = currentTestStack();
const services = [
  { app: 'employment-matching', database: 'employment_matching', port: 3203 },
  { app: 'education-enrolment', database: 'education_enrolment', port: 3204 },
  { app: 'victim-support', database: 'victim_support', port: 3205 },
];

const METRICS_TOKEN = 'metrics-token-for-tests-0123';
const envFor = (database: string) => ({
  NODE_ENV: 'test',
  METRICS_TOKEN,
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  DATABASE_URL: testDatabaseUrl(database, 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
});

describe.each(services)('$app service', ({ app, database, port }) => {
  const service = new ServiceProcess(app, port, envFor(database));

  beforeAll(async () => {
    await runToCompletion(app, 'migrate', envFor(database));
    if (app === 'victim-support') await shredForeignCaseKeys();
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

  it('answers GET /metrics to the scraper with the token: HTTP, outbox, consumer lag and process series', async () => {
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    await fetch(`${service.url}/health`);
    await fetch(`${service.url}/no-such-route/${crypto.randomUUID()}`);
    const response = await fetch(`${service.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (series: string) =>
      Number(new RegExp(`^${series.replace(/[{}"/.]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(
      value(
        'http_server_request_duration_seconds_count{method="GET",route="/health",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    // An unknown path is counted under a template (Nest's catch-all), never its raw path: no ids
    // reach the page and the series stay bounded.
    expect(text).toMatch(
      /^http_server_request_duration_seconds_count\{method="GET",route="[^"]*",status="404"\} [1-9]/m,
    );
    expect(text).not.toContain('no-such-route');
    expect(value(`outbox_pending_events{source="/reintegra/${app}"}`)).toBeGreaterThanOrEqual(0);
    expect(
      value(`outbox_oldest_pending_age_seconds{source="/reintegra/${app}"}`),
    ).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE kafka_consumer_lag gauge');
    expect(text).toContain('# TYPE dead_letters_total counter');
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
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
