import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  findWorkspaceRoot,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testDatabaseUrl,
} from '@reintegra/testing';

/**
 * What every browser test of the office app needs: the built services as real processes (dev
 * identity for the demo login, intake, the orchestrator, employment, education and the office
 * server — static bundle + same-origin proxy), headless Chromium, and the checks every screen
 * passes (axe WCAG 2.2 AA, 360 px). Each spec file takes its own block of ports, consumer groups
 * and Temporal task queue, so spec files never see each other's processes.
 */
export const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
export const today = new Date().toISOString().slice(0, 10);
export type Json = Record<string, unknown>;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

export class OfficeTestBed {
  readonly shots: string;
  readonly identityUrl: string;
  readonly identity: ServiceProcess;
  readonly intake: ServiceProcess;
  readonly orchestrator: ServiceProcess;
  readonly employment: ServiceProcess;
  readonly education: ServiceProcess;
  readonly office: ServiceProcess;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;
  private readonly migrations: [string, Record<string, string>][];
  private readonly groups: string[];

  /** `name` labels artifacts, groups and the task queue; ports are portBase … portBase + 8. */
  constructor(name: string, portBase: number) {
    const stack = currentTestStack();
    this.shots = join(findWorkspaceRoot(), 'artifacts/office-web', name);
    this.identityUrl = `http://127.0.0.1:${portBase}`;
    const authEnv = {
      AUTH_ISSUER: 'reintegra-dev-identity',
      AUTH_AUDIENCE: 'reintegra',
      AUTH_JWKS_URL: `${this.identityUrl}/.well-known/jwks.json`,
      AUTH_JWKS: '',
    };
    const commonEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: `reintegration-paths-office-${name}`,
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...authEnv,
    };
    const run = randomUUID().slice(0, 8);
    this.groups = [];
    const envOf = (service: string, database: string) => {
      const group = `${service}-office-${name}-${run}`;
      this.groups.push(group);
      return {
        ...commonEnv,
        DATABASE_URL: testDatabaseUrl(database, 'app'),
        DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
        KAFKA_CONSUMER_GROUP: group,
      };
    };
    this.migrations = [
      ['intake', envOf('intake', 'intake')],
      ['orchestrator', envOf('orchestrator', 'orchestrator')],
      ['employment-matching', envOf('employment', 'employment_matching')],
      ['education-enrolment', envOf('education', 'education_enrolment')],
    ];
    const env = (service: string) => this.migrations.find(([name]) => name === service)?.[1] ?? {};
    this.identity = new ServiceProcess('dev-identity', portBase, {
      NODE_ENV: 'test',
      AUTH_ISSUER: authEnv.AUTH_ISSUER,
      DEV_IDENTITY_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'office-e2e-')), 'key.json'),
    });
    this.intake = new ServiceProcess('intake', portBase + 1, env('intake'));
    this.orchestrator = new ServiceProcess('orchestrator', portBase + 2, env('orchestrator'));
    this.employment = new ServiceProcess(
      'employment-matching',
      portBase + 3,
      env('employment-matching'),
    );
    this.education = new ServiceProcess(
      'education-enrolment',
      portBase + 4,
      env('education-enrolment'),
    );
    this.office = new ServiceProcess('office-web-server', portBase + 8, {
      NODE_ENV: 'test',
      INTAKE_URL: this.intake.url,
      EMPLOYMENT_URL: this.employment.url,
      EDUCATION_URL: this.education.url,
      DEV_IDENTITY_URL: this.identityUrl,
      DEV_LOGIN: 'true',
    });
  }

  /** Migrates, starts every process from the end of the topics, then opens Chromium. */
  async start(): Promise<void> {
    mkdirSync(this.shots, { recursive: true });
    const brokers = currentTestStack().kafkaBrokers;
    await Promise.all([
      ...this.migrations.map(([service, env]) => runToCompletion(service, 'migrate', env)),
      ...this.groups.map((group) => startGroupAtEnd(brokers, group, Object.values(TOPICS))),
    ]);
    await this.identity.start();
    await Promise.all([
      this.intake.start(),
      this.orchestrator.start(),
      this.employment.start(),
      this.education.start(),
      this.office.start(),
    ]);
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    this.context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'es-SV',
    });
    this.page = await this.context.newPage();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await Promise.allSettled([
      this.office.stop(),
      this.education.stop(),
      this.employment.stop(),
      this.orchestrator.stop(),
      this.intake.stop(),
    ]);
    await this.identity.stop();
  }

  /** A bearer token of a demo user from the dev identity. */
  async tokenOf(user: string): Promise<string> {
    const response = await fetch(`${this.identityUrl}/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
  }

  /** Logs in through the login screen's demo button, from a clean session. */
  async login(user: string, target: Page = this.page): Promise<void> {
    await target.goto(this.office.url);
    await target.evaluate(() => sessionStorage.clear());
    await target.goto(`${this.office.url}/#/`);
    await target.reload();
    await target.getByRole('button', { name: new RegExp(`Entrar como ${user}`) }).click();
  }

  shot(name: string, target: Page = this.page): Promise<Buffer> {
    return target.screenshot({ path: join(this.shots, `${name}.png`), fullPage: true });
  }
}

/** A JSON call straight to a service (set-up and checks the screens do not do). */
export async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: token },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** A DUI with a valid check digit, unique enough for a test run. */
export function freshDui(): string {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
  return `${digits}-${(10 - (sum % 10)) % 10}`;
}

/** A surname no other run (nor other suite) has: possible duplicates are only the planned ones. */
export function uniqueSurname(): string {
  const letters = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  const pick = (from: string) => from.charAt(Math.floor(Math.random() * from.length));
  let word = '';
  for (let i = 0; i < 4; i++) word += pick(letters) + pick(vowels);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** axe-core with the WCAG 2.2 AA rules on the current screen: no violation allowed. */
export async function expectAccessible(target: Page, screen: string): Promise<void> {
  await target.evaluate(axeSource);
  const violations = await target.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
  }, WCAG_TAGS);
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/** At 360 px nothing spills sideways (the page never scrolls horizontally). */
export async function expectFitsNarrowScreen(target: Page): Promise<void> {
  const width = await target.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

/** Waits for a referral to reach a service through Kafka (intake's outbox → the service's inbox). */
export async function delivered(database: string, referralId: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl(database, 'migrator') });
  await client.connect();
  try {
    await eventually(
      async () => {
        const found = await client.query('SELECT 1 FROM referrals WHERE id = $1', [referralId]);
        expect(found.rowCount).toBe(1);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  } finally {
    await client.end();
  }
}

/** Presses Tab until the focused element's name contains the text; checks its focus is visible. */
export async function tabTo(target: Page, text: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await target.keyboard.press('Tab');
    const focused = await target.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return { name: '', outline: 'none' };
      const labels = (element as HTMLInputElement).labels;
      const name = [
        element.getAttribute('aria-label') ?? '',
        element.textContent ?? '',
        labels?.[0]?.textContent ?? '',
      ].join(' ');
      const style = getComputedStyle(element);
      return { name, outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    if (focused.name.includes(text)) {
      expect(focused.outline).not.toMatch(/^none|0px$/);
      return;
    }
  }
  throw new Error(`Tab never reached "${text}"`);
}
