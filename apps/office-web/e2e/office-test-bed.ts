import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  eventually,
  findWorkspaceRoot,
  type OfficeExtras,
  OfficeProcesses,
  testDatabaseUrl,
} from '@reintegra/testing';

/**
 * What every browser test of the office app needs: the built services as real processes
 * (OfficeProcesses: dev identity, intake, orchestrator, employment, education, office server),
 * headless Chromium, and the checks every screen passes (axe WCAG 2.2 AA, 360 px). Each spec file takes its own block of ports, consumer groups
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

export class OfficeTestBed extends OfficeProcesses {
  readonly shots: string;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;

  /** `name` labels artifacts, groups and the task queue; ports are portBase … portBase + 8. */
  constructor(name: string, portBase: number, extras: OfficeExtras = {}) {
    super(name, portBase, extras);
    this.shots = join(findWorkspaceRoot(), 'artifacts/office-web', name);
  }

  /** Migrates, starts every process from the end of the topics, then opens Chromium. */
  override async start(): Promise<void> {
    mkdirSync(this.shots, { recursive: true });
    await super.start();
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    this.context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'es-SV',
    });
    this.page = await this.context.newPage();
  }

  override async stop(): Promise<void> {
    await this.browser?.close();
    await super.stop();
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
