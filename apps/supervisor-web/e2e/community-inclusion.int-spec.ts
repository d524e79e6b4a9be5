import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  activityChangedV1,
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  participationMilestoneV1,
  referralRoutedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  expectAccessible,
  expectFitsNarrowScreen,
  findWorkspaceRoot,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testDatabaseUrl,
  scratchFile,
} from '@reintegra/testing';
import type { z } from 'zod';
import { seedPulseSurvey } from './community-seed';

/**
 * The dashboard's community inclusion view and the re-routing reason on the case page, in
 * headless Chromium against dev identity and the supervisor API as real processes (ports
 * 3370–3376); community and path events are published by hand on the shared broker.
 */
const stack = currentTestStack();
const root = findWorkspaceRoot();
const shots = join(root, 'artifacts/supervisor-web');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const LA_PAZ = 'SV-PA-LA-PAZ-ESTE';
// No other suite gives Usulután Este community activities: its figures are this test's.
const USULUTAN = 'SV-US-USULUTAN-ESTE';
// The pulse survey's answers are recorded here (through the community service).
const SAN_VICENTE = 'SV-SV-SAN-VICENTE-SUR';

const identityUrl = 'http://127.0.0.1:3370';
const env = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  TEMPORAL_ADDRESS: stack.temporalAddress,
  TEMPORAL_NAMESPACE: stack.temporalNamespace,
  AUTH_ISSUER: 'reintegra-dev-identity',
  AUTH_AUDIENCE: 'reintegra',
  AUTH_JWKS_URL: `${identityUrl}/.well-known/jwks.json`,
  AUTH_JWKS: '',
};
const supervisorDb = {
  DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl('supervisor', 'migrator'),
};
const communityEnv = {
  ...env,
  OUTBOX_POLL_INTERVAL_MS: '100',
  DATABASE_URL: testDatabaseUrl('community_inclusion', 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl('community_inclusion', 'migrator'),
  // Its own group, placed at the end of the shared topics: other suites' history is not its.
  KAFKA_CONSUMER_GROUP: `community-supervisor-e2e-${randomUUID().slice(0, 8)}`,
};
const community = new ServiceProcess('community-inclusion', 3375, communityEnv);
const identity = new ServiceProcess('dev-identity', 3370, {
  NODE_ENV: 'test',
  AUTH_ISSUER: env.AUTH_ISSUER,
  DEV_IDENTITY_KEY_FILE: scratchFile('supervisor-community', 'key.json'),
});
const supervisor = new ServiceProcess('supervisor-api', 3376, {
  ...env,
  ...supervisorDb,
  COMMUNITY_URL: community.url,
  KAFKA_CONSUMER_GROUP: 'supervisor-api-community-e2e',
  INTAKE_URL: 'http://127.0.0.1:9',
  DEV_IDENTITY_URL: identityUrl,
  SUPERVISOR_WEB_DIR: join(root, 'dist/apps/supervisor-web'),
  TEMPORAL_UI_URL: 'http://127.0.0.1:58233',
});

let browser: Browser;
let page: Page;
let producer: Producer;
let db: Client;
let reroutedCase: string;

async function publish<S extends z.ZodType>(
  definition: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
) {
  const event = createEvent(definition, {
    subject,
    source: '/reintegra/community-inclusion',
    actor: 'system:e2e',
    correlationId: randomUUID(),
    data,
  });
  await producer.send({
    topic: definition.topic,
    messages: [
      {
        key: subject,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
}

/** Waits until the read model has applied everything on the community topic so far. */
async function communityCaughtUp() {
  const admin = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'e2e-offsets',
    logLevel: 1,
  }).admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(TOPICS.communityEvents);
  await admin.disconnect();
  await eventually(
    async () => {
      const { rows } = await db.query<{ partition: number; next: string }>(
        `SELECT partition, next_offset AS next FROM projection_positions WHERE topic = $1`,
        [TOPICS.communityEvents],
      );
      for (const end of ends.filter((e) => BigInt(e.high) > BigInt(e.low))) {
        const row = rows.find((r) => r.partition === end.partition);
        expect(BigInt(row?.next ?? '0')).toBeGreaterThanOrEqual(BigInt(end.high));
      }
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

async function participation(activityId: string, origin: 'returnee' | 'resident', steps: string[]) {
  const participantId = randomUUID();
  for (const [minute, milestone] of steps.entries()) {
    await publish(participationMilestoneV1, participantId, {
      participantId,
      activityId,
      municipalityCode: USULUTAN,
      origin,
      milestone: milestone as z.input<typeof participationMilestoneV1.data>['milestone'],
      ...(milestone === 'sustained' || milestone === 'dropped-off'
        ? { ruleVersion: '2026-12' }
        : {}),
      occurredAt: new Date(Date.UTC(2026, 11, 2, 16, minute)).toISOString(),
    });
  }
}

async function tokenOf(user: string): Promise<string> {
  const response = await fetch(`${identityUrl}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

async function login(user: string) {
  await page.goto(supervisor.url);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: new RegExp(user) }).click();
  await page.getByRole('link', { name: 'Inclusión comunitaria' }).waitFor();
}

const shot = (name: string) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await Promise.all([
    runToCompletion('supervisor-api', 'migrate', { ...env, ...supervisorDb }),
    runToCompletion('community-inclusion', 'migrate', communityEnv),
  ]);
  await startGroupAtEnd(
    stack.kafkaBrokers,
    communityEnv.KAFKA_CONSUMER_GROUP,
    Object.values(TOPICS),
  );
  await identity.start();
  await Promise.all([supervisor.start(), community.start()]);
  db = new Client({ connectionString: testDatabaseUrl('supervisor', 'migrator') });
  await db.connect();
  producer = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'supervisor-community-e2e',
    logLevel: 1,
  }).producer();
  await producer.connect();
  // Earlier runs' Usulután facts are applied by now: removing them leaves this run's alone.
  await communityCaughtUp();
  await db.query(`DELETE FROM community_activities WHERE municipality_code = $1`, [USULUTAN]);
  await db.query(`DELETE FROM community_participations WHERE municipality_code = $1`, [USULUTAN]);

  const [football, choir] = [randomUUID(), randomUUID()];
  for (const activityId of [football, choir]) {
    await publish(activityChangedV1, activityId, {
      activityId,
      providerId: 'casa-de-la-cultura-usulutan',
      municipalityCode: USULUTAN,
      kind: 'sport',
      change: 'opened',
      open: true,
      capacity: 25,
      seatsTaken: 0,
      targetGroups: ['returnees', 'residents'],
      languages: ['es'],
      occurredAt: new Date(Date.UTC(2026, 11, 2, 15)).toISOString(),
    });
  }
  // 6 returnees and 5 residents; 7 reach sustained participation and one of them drops off.
  for (let i = 0; i < 6; i++)
    await participation(football, 'returnee', ['joined', 'first-attendance', 'sustained']);
  await participation(choir, 'resident', [
    'joined',
    'first-attendance',
    'sustained',
    'dropped-off',
  ]);
  for (let i = 0; i < 4; i++) await participation(choir, 'resident', ['joined']);

  // A referral the service directory re-routed, with its reason (issue 15).
  reroutedCase = randomUUID();
  await publish(returneeRegisteredV1, reroutedCase, {
    caseId: reroutedCase,
    returneeId: randomUUID(),
    episodeNumber: 1,
    municipalityCode: LA_PAZ,
    returnDate: new Date().toISOString().slice(0, 10),
    countryReturnedFrom: 'US',
    minor: false,
    registeredAt: new Date().toISOString(),
  });
  await publish(referralRoutedV1, reroutedCase, {
    referralId: randomUUID(),
    caseId: reroutedCase,
    service: 'employment',
    priority: 'normal',
    providerId: 'oficina-empleo-la-paz-este',
    action: 'rerouted',
    acknowledgeBy: new Date(Date.now() + 48 * 3600_000).toISOString(),
    routing: {
      decidedBy: 'service-directory',
      code: 'directory.nearest-eligible',
      serviceId: randomUUID(),
      locationId: randomUUID(),
      proximity: 'same-district',
      capacity: 'available',
      capacityAvailable: 3,
      skipped: { alreadyAsked: 1, noCapacity: 2, notEligible: 0 },
    },
    occurredAt: new Date().toISOString(),
  });
  await seedPulseSurvey(community.url, await tokenOf('admin'), SAN_VICENTE);
  // The activity reaches the read model through the community service's outbox and Kafka.
  await eventually(
    async () => {
      const { rowCount } = await db.query(
        `SELECT 1 FROM community_activities WHERE municipality_code = $1`,
        [SAN_VICENTE],
      );
      expect(rowCount).toBeGreaterThan(0);
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  await communityCaughtUp();

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-SV' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await producer?.disconnect();
  await db?.end();
  await Promise.allSettled([supervisor.stop(), community.stop()]);
  await identity.stop();
});

describe('community inclusion on the dashboard', () => {
  it('shows the national supervisor each municipality’s figures, small cells as <5', async () => {
    await login('supervisora-nacional');
    const link = page.getByRole('link', { name: 'Inclusión comunitaria' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Inclusión comunitaria', level: 1 }).waitFor();
    const card = page.locator(`[data-municipality-code="${USULUTAN}"]`);
    await card.waitFor();
    const figure = async (testId: string) => card.getByTestId(testId).textContent();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe('Usulután Este');
    expect(await figure('activities-running')).toBe('2');
    expect(await figure('participants')).toBe('11');
    expect(await figure('returnees')).toBe('6');
    expect(await figure('host-community')).toBe('5');
    expect(await figure('reached-sustained')).toBe('7');
    // 6 still sustained and 1 dropped off: the 1 is hidden, and the 6 with it.
    expect(await figure('dropped-off')).toBe('<5');
    expect(await figure('still-sustained')).toBe('<5');
    expect(await figure('sustained')).toBe('<5');
    expect(await figure('still-sustained-percent')).toBe('<5');
    expect(await card.textContent()).toContain('2026-12');
    await expectAccessible(page, 'community inclusion (national)');
    await shot('10-community-inclusion');
  });

  it('shows cohesion before and after from the pulse survey, a cell under 5 answers as <5', async () => {
    const cohesion = page.getByTestId('community-cohesion');
    await cohesion.getByLabel('Municipio').selectOption({ label: 'San Vicente Sur' });
    const item = (id: string) => cohesion.locator(`[data-item-id="${id}"]`);
    await eventually(async () =>
      expect(await item('feels-part-of-community').getByTestId('pre').textContent()).toBe(
        '2 (6 respuestas)',
      ),
    );
    expect(await item('feels-part-of-community').getByTestId('post').textContent()).toBe(
      '4 (6 respuestas)',
    );
    expect(await item('feels-part-of-community').textContent()).toContain(
      'Se siente parte de la comunidad',
    );
    expect(await item('trust-people-neighbourhood').getByTestId('pre').textContent()).toBe(
      '3 (6 respuestas)',
    );
    expect(await item('trust-people-neighbourhood').getByTestId('post').textContent()).toBe('<5');
    expect(await item('experienced-discrimination').getByTestId('post').textContent()).toBe(
      'sin respuestas',
    );
    expect(await item('experienced-discrimination').textContent()).toContain('menos es mejor');
    await expectAccessible(page, 'community cohesion');
    await cohesion.screenshot({ path: join(shots, '10b-community-cohesion.png') });
  });

  it('is usable at 360 px and in English', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator(`[data-municipality-code="${USULUTAN}"]`).waitFor();
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'community inclusion at 360 px');
    await shot('11-community-inclusion-360');
    await page.getByRole('button', { name: 'Cambiar el idioma a inglés' }).click();
    await page.getByRole('heading', { name: 'Community inclusion', level: 1 }).waitFor();
    expect(await page.getByText('Host community').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Switch the language to Spanish' }).click();
    await page.getByRole('heading', { name: 'Inclusión comunitaria', level: 1 }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a municipal supervisor their own municipality only', async () => {
    await login('supervisora-la-paz-este');
    await page.goto(`${supervisor.url}/#/community`);
    await page.getByRole('heading', { name: 'Inclusión comunitaria', level: 1 }).waitFor();
    await page.getByText('Las cifras de 1 a 4 personas').waitFor();
    const codes = await page
      .getByTestId('community-municipality')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-municipality-code')));
    expect(codes).not.toContain(USULUTAN);
    expect(codes.every((code) => code === LA_PAZ)).toBe(true);
    await expectAccessible(page, 'community inclusion (municipal)');
  });

  it('says in plain Spanish why the service directory re-routed a referral', async () => {
    const entry = page.getByTestId('timeline').locator('li').last();
    // The path topic is busy with other suites: reload until the case is projected.
    await eventually(
      async () => {
        await page.goto(`${supervisor.url}/#/cases/${reroutedCase}`);
        await page.reload();
        await entry.waitFor({ timeout: 5_000 });
        expect(await entry.textContent()).toContain(
          'Elegido por el directorio de servicios: el proveedor que cumple los requisitos más cercano, en el mismo distrito, con 3 cupos libres; se descartaron 1 ya consultados, 2 sin cupo y 0 que no cumplen los requisitos.',
        );
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    expect(await entry.textContent()).toContain('reencaminada');
    await expectAccessible(page, 'case page with a re-routed referral');
    await shot('12-rerouting-reason');
  });
});
