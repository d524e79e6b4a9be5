import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  referralEscalatedV1,
  referralRequestedV1,
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

/**
 * The supervisor dashboard in headless Chromium against the built services as real processes:
 * dev identity (demo login), intake (plans), orchestrator (paths), supervisor API (read model,
 * web app). Screenshots go to artifacts/supervisor-web/.
 */
const stack = currentTestStack();
const root = findWorkspaceRoot();
const shots = join(root, 'artifacts/supervisor-web');
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const identityPort = 3300;
const identityUrl = `http://127.0.0.1:${identityPort}`;
const authEnv = {
  AUTH_ISSUER: 'reintegra-dev-identity',
  AUTH_AUDIENCE: 'reintegra',
  AUTH_JWKS_URL: `${identityUrl}/.well-known/jwks.json`,
  AUTH_JWKS: '',
};
const commonEnv = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  KAFKA_BROKERS: stack.kafkaBrokers.join(','),
  TEMPORAL_ADDRESS: stack.temporalAddress,
  TEMPORAL_NAMESPACE: stack.temporalNamespace,
  TEMPORAL_TASK_QUEUE: 'reintegration-paths-e2e',
  ...authEnv,
};
const migrations = (database: string) => ({
  DATABASE_URL: testDatabaseUrl(database, 'app'),
  DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
});

// Consumer groups of their own that start at the end of the topics (see startAtEnd): the shared
// topics carry other suites' history, whose workflows run on other task queues.
const run = randomUUID().slice(0, 8);
const orchestratorGroup = `orchestrator-supervisor-e2e-${run}`;
const intakeGroup = `intake-supervisor-e2e-${run}`;
const identity = new ServiceProcess('dev-identity', identityPort, {
  NODE_ENV: 'test',
  // The jest setup exports the test issuer; the demo login uses the dev identity's own.
  AUTH_ISSUER: authEnv.AUTH_ISSUER,
  DEV_IDENTITY_KEY_FILE: scratchFile('supervisor-e2e', 'key.json'),
});
const intake = new ServiceProcess('intake', 3301, {
  ...commonEnv,
  ...migrations('intake'),
  OUTBOX_POLL_INTERVAL_MS: '100',
  KAFKA_CONSUMER_GROUP: intakeGroup,
});
const orchestrator = new ServiceProcess('orchestrator', 3302, {
  ...commonEnv,
  ...migrations('orchestrator'),
  KAFKA_CONSUMER_GROUP: orchestratorGroup,
  OUTBOX_POLL_INTERVAL_MS: '100',
});
const supervisor = new ServiceProcess('supervisor-api', 3306, {
  ...commonEnv,
  ...migrations('supervisor'),
  KAFKA_CONSUMER_GROUP: 'supervisor-api-e2e',
  INTAKE_URL: 'http://127.0.0.1:3301',
  DEV_IDENTITY_URL: identityUrl,
  SUPERVISOR_WEB_DIR: join(root, 'dist/apps/supervisor-web'),
  TEMPORAL_UI_URL: 'http://127.0.0.1:58233',
  DEADLINE_SWEEP_INTERVAL_MS: '500',
});

let browser: Browser;
let page: Page;
let producer: Producer;
let officer: string;
let approvableCase: string;
let overdueCase: string;
let overdueReferral: string;
type Json = Record<string, unknown>;

async function tokenOf(user: string): Promise<string> {
  const response = await fetch(`${identityUrl}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: token, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: (text ? JSON.parse(text) : {}) as Json,
  };
}

async function publish<S extends z.ZodType>(
  definition: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
) {
  const event = createEvent(definition, {
    subject,
    source: '/reintegra/intake',
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

/** A DUI with a valid check digit, unique enough for a test run. */
function freshDui(): string {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
  return `${digits}-${(10 - (sum % 10)) % 10}`;
}

/** Answers of the 2026-11 needs assessment, without the confidential screening items. */
const ASSESSMENT = {
  occupations: [{ code: '7115', yearsOfExperience: 8, learnedAbroad: true }],
  'currently-working': 'informal-work',
  'income-sources': 1,
  'receives-remittances': false,
  'economic-satisfaction': 2,
  'food-shortage': 'sometimes',
  'has-debt': true,
  'debt-months-of-income': 4,
  'can-borrow-if-needed': false,
  'certifications-held': ['foreign-certificate'],
  'last-grade-completed': 9,
  'can-read-write': true,
  'housing-situation': 'with-family',
  'housing-at-risk': false,
  'basic-services': ['drinking-water', 'electricity'],
  'has-dui': true,
  'documents-held': ['birth-certificate'],
  'pending-legal-matters': false,
  'health-status': 4,
  'has-health-access': true,
  'children-in-school': 'all',
  'participates-community': 'rarely',
  'people-to-count-on': 2,
  'family-relations': 4,
  'feels-part-of-community': 3,
  'experienced-discrimination': true,
  'feels-sad-or-hopeless': 3,
  'sleep-problems': 2,
  'feels-safe': 3,
  'wish-to-remigrate': 4,
  'plans-to-migrate-next-year': false,
};

/** A case in intake with a submitted plan, through intake's own API (as an officer would). */
async function caseWithSubmittedPlan(): Promise<string> {
  const registered = await call(intake.url, 'POST', '/returnees', officer, {
    dui: freshDui(),
    firstNames: 'Supervisada',
    lastNames: `Prueba ${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1990-05-02',
    gender: 'female',
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
  });
  expect(registered.status).toBe(201);
  const caseId = registered.body['caseId'] as string;
  const assessed = await call(intake.url, 'POST', `/cases/${caseId}/assessments`, officer, {
    questionnaireVersion: '2026-11',
    answers: ASSESSMENT,
  });
  expect(assessed.status).toBe(201);
  const plan = await call(intake.url, 'POST', `/cases/${caseId}/plan`, officer, {
    goals: { economic: [{ description: 'Empleo estable en construcción' }] },
    proposedReferrals: [],
  });
  expect(plan.status).toBe(201);
  const submitted = await call(intake.url, 'POST', `/cases/${caseId}/plan/submission`, officer);
  expect(submitted.status).toBe(200);
  return caseId;
}

const startAtEnd = (groupId: string) =>
  startGroupAtEnd(stack.kafkaBrokers, groupId, Object.values(TOPICS));

const shot = (name: string) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  await Promise.all([
    runToCompletion('intake', 'migrate', { ...commonEnv, ...migrations('intake') }),
    runToCompletion('orchestrator', 'migrate', { ...commonEnv, ...migrations('orchestrator') }),
    runToCompletion('supervisor-api', 'migrate', { ...commonEnv, ...migrations('supervisor') }),
  ]);
  await identity.start();
  await startAtEnd(intakeGroup);
  await Promise.all([intake.start(), supervisor.start()]);
  officer = await tokenOf('oficial-la-paz-este');
  producer = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'supervisor-e2e',
    logLevel: 1,
  }).producer();
  await producer.connect();

  // An overdue referral: its acknowledgement deadline passed an hour ago. Published before the
  // orchestrator's group is placed at the end of the topics, so no workflow re-routes it.
  overdueCase = randomUUID();
  overdueReferral = randomUUID();
  await publish(returneeRegisteredV1, overdueCase, {
    caseId: overdueCase,
    returneeId: randomUUID(),
    episodeNumber: 1,
    municipalityCode: MUNICIPALITY,
    returnDate: new Date().toISOString().slice(0, 10),
    countryReturnedFrom: 'MX',
    minor: false,
    registeredAt: new Date().toISOString(),
  });
  await publish(referralRequestedV1, overdueCase, {
    referralId: overdueReferral,
    caseId: overdueCase,
    service: 'employment',
    priority: 'emergency',
    providerIds: ['oficina-empleo-la-paz-este'],
    acknowledgeBy: new Date(Date.now() - 3600_000).toISOString(),
    requestedAt: new Date(Date.now() - 25 * 3600_000).toISOString(),
    consentId: randomUUID(),
  });
  // Another orchestrator on the shared topics may route it first (a fresh 24 h deadline); the
  // re-route below is the latest routing fact, with a deadline that has already passed.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await publish(referralRoutedV1, overdueCase, {
    referralId: overdueReferral,
    caseId: overdueCase,
    service: 'employment',
    priority: 'emergency',
    providerId: 'oficina-empleo-la-paz-este',
    action: 'rerouted',
    acknowledgeBy: new Date(Date.now() - 3600_000).toISOString(),
    occurredAt: new Date().toISOString(),
  });
  await startAtEnd(orchestratorGroup);
  await orchestrator.start();
  approvableCase = await caseWithSubmittedPlan();
  const national = await tokenOf('supervisora-nacional');
  await eventually(
    async () => {
      const queue = await call(supervisor.url, 'GET', '/api/approvals', national);
      expect((queue.body['plans'] as Json[]).map((p) => p['caseId'])).toContain(approvableCase);
      const overdue = await call(supervisor.url, 'GET', `/api/cases/${overdueCase}`, national);
      expect(overdue.body['referrals']).toEqual([expect.objectContaining({ overdue: true })]);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-SV' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await producer?.disconnect();
  await Promise.allSettled([supervisor.stop(), orchestrator.stop(), intake.stop()]);
  await identity.stop();
});

describe('supervisor dashboard in Chromium', () => {
  it('logs in as the demo supervisor of La Paz Este and shows the overview', async () => {
    await page.goto(supervisor.url);
    await page.getByRole('button', { name: /supervisora-la-paz-este/ }).click();
    await page.getByRole('heading', { name: 'Resumen de itinerarios' }).waitFor();
    await page.getByText('Municipio: La Paz Este').waitFor();
    const overdue = Number(
      await page.getByTestId('overdue-referrals').locator('.figure').textContent(),
    );
    expect(overdue).toBeGreaterThanOrEqual(1);
    // The figures say how old they are (the API may serve them up to 30 s old), ticking live.
    const age = page.getByTestId('freshness-age');
    const secondsShown = async () =>
      Number(/^Actualizado hace (\d+) s$/.exec((await age.textContent()) ?? '')?.[1]);
    const first = await secondsShown();
    expect(first).toBeLessThanOrEqual(30);
    await page.waitForTimeout(2_100);
    expect(await secondsShown()).toBeGreaterThan(first);
    await expectAccessible(page, 'overview with the age of its figures');
    await page.getByTestId('alerts-connection').getByText('Conectado').waitFor();
    await shot('01-overview');
  });

  it('finds the overdue referrals from the overview and opens the case timeline', async () => {
    await page.getByTestId('overdue-referrals').click();
    await page.getByRole('heading', { name: 'Expedientes' }).waitFor();
    expect(await page.getByLabel('Vencidas').inputValue()).toBe('true');
    const row = page.getByTestId('case-row').filter({ hasText: overdueCase.slice(0, 8) });
    await row.waitFor();
    await shot('02-cases-overdue');
    await row.getByRole('link', { name: overdueCase.slice(0, 8) }).click();
    const timeline = page.getByTestId('timeline').locator('li');
    await eventually(async () => expect(await timeline.count()).toBeGreaterThanOrEqual(3));
    expect(await timeline.nth(0).textContent()).toContain('Persona registrada, expediente abierto');
    expect(await timeline.nth(1).textContent()).toContain('Remisión solicitada');
    expect(await timeline.last().textContent()).toContain('reencaminada');
    expect(await page.getByTestId('referral-row').textContent()).toContain('vencida');
    expect(await page.getByTestId('temporal-link').getAttribute('href')).toBe(
      `http://127.0.0.1:58233/namespaces/${stack.temporalNamespace}/workflows/reintegration-path%2F${overdueCase}`,
    );
    await shot('03-case-timeline');
  });

  it('explains invalid filters instead of showing a list', async () => {
    await page.goto(`${supervisor.url}/#/cases?phase=terminada&from=2026-05-01&to=2026-04-01`);
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('La solicitud contiene datos no válidos.');
    expect(await problem.textContent()).toContain('phase');
    expect(await page.getByTestId('case-row').count()).toBe(0);
    await shot('04-invalid-filter');
  });

  it('shows a new escalation without reloading', async () => {
    await page.goto(`${supervisor.url}/#/overview`);
    await page.getByTestId('alerts-connection').getByText('Conectado').waitFor();
    await publish(referralEscalatedV1, overdueCase, {
      referralId: overdueReferral,
      caseId: overdueCase,
      service: 'employment',
      priority: 'emergency',
      providerIds: ['oficina-empleo-la-paz-este'],
      acknowledgeBy: new Date(Date.now() - 3600_000).toISOString(),
      escalatedAt: new Date().toISOString(),
      escalation: 1,
    });
    await page
      .getByTestId('live-alerts')
      .getByText('Remisión escalada')
      .first()
      .waitFor({ timeout: 30_000 });
    await shot('05-live-escalation');
  });

  it('approves a submitted plan and sees the path move on; a stale approval is refused', async () => {
    // A second tab keeps the queue as it was before the approval (it goes stale).
    const other = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const token = await page.evaluate(() => sessionStorage.getItem('reintegra.supervisor.token'));
    await other.goto(`${supervisor.url}/#/approvals`);
    await other.evaluate(
      (value) => sessionStorage.setItem('reintegra.supervisor.token', value ?? ''),
      token,
    );
    await other.reload();
    const staleEntry = other.locator(`[data-case-id="${approvableCase}"]`);
    await staleEntry.waitFor();

    await page.goto(`${supervisor.url}/#/approvals`);
    const entry = page.locator(`[data-case-id="${approvableCase}"]`);
    await entry.getByRole('button', { name: 'Aprobar plan' }).click();
    await page.getByText('Plan aprobado. El itinerario avanza.').waitFor();
    await shot('06-plan-approved');

    await staleEntry.getByRole('button', { name: 'Aprobar plan' }).click();
    const refusal = staleEntry.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/cambió|no puede|estado/);
    await other.screenshot({ path: join(shots, '07-stale-approval.png'), fullPage: true });
    await other.close();

    await eventually(
      async () => {
        await page.goto(`${supervisor.url}/#/cases/${approvableCase}`);
        await page.reload();
        await page.getByTestId('workflow-phase').waitFor({ timeout: 5_000 });
        expect(await page.getByTestId('workflow-phase').textContent()).toContain('Plan aprobado');
        expect(await page.getByTestId('case-phase').textContent()).toBe('Plan aprobado');
      },
      // The orchestrator shares the topics with every other suite: allow it a busy moment.
      { timeoutMs: 240_000, intervalMs: 2_000 },
    );
    await shot('08-path-advanced');
  }, 300_000);

  it('reassigns the officer, pauses and resumes the path from the case page, at 360 px too', async () => {
    await page.goto(`${supervisor.url}/#/cases/${approvableCase}`);
    const actions = page.getByTestId('path-actions');
    await actions.waitFor();
    await actions.getByLabel('Oficial que sigue el caso').fill('user:oficial-2');
    await actions.getByRole('button', { name: 'Reasignar oficial' }).click();
    await actions.getByText('Oficial reasignado.').waitFor();
    await eventually(async () =>
      expect(await page.getByTestId('workflow-officer').textContent()).toBe('user:oficial-2'),
    );
    await actions.getByLabel('Motivo').selectOption('hospitalised');
    await actions.getByRole('button', { name: 'Pausar itinerario' }).click();
    await actions.getByText(/^Itinerario en pausa/).waitFor();
    await page.getByTestId('workflow-paused').waitFor();
    await page.setViewportSize({ width: 360, height: 800 });
    await expectAccessible(page, 'case page with path actions at 360 px');
    await expectFitsNarrowScreen(page);
    await shot('10-path-paused-360');
    // The same action again, from the keyboard: now it resumes.
    await actions.getByRole('button', { name: 'Reanudar itinerario' }).focus();
    await page.keyboard.press('Enter');
    await actions.getByText('Itinerario reanudado.').waitFor();
    await eventually(async () => expect(await page.getByTestId('workflow-paused').count()).toBe(0));
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('refuses an approval by someone without the right, through the API, with problem+json', async () => {
    const response = await call(
      supervisor.url,
      'POST',
      `/api/cases/${approvableCase}/plan/approval`,
      officer,
      {
        planVersion: 1,
      },
    );
    expect(response.status).toBe(403);
    expect(response.body['code']).toBe('auth.role-not-allowed');
  });

  it('switches the interface to English', async () => {
    await page.goto(`${supervisor.url}/#/overview`);
    await page.getByRole('heading', { name: 'Resumen de itinerarios' }).waitFor();
    await page.getByRole('button', { name: 'Cambiar el idioma a inglés' }).click();
    await page.getByRole('heading', { name: 'Paths overview' }).waitFor();
    expect(await page.getByTestId('freshness-age').textContent()).toMatch(/^Updated \d+ s ago$/);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await shot('09-english');
  });
});
