import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import {
  devIdentityToken,
  eventually,
  findWorkspaceRoot,
  OFFICE_SUITES_PORT_BASE,
  officeUrls,
  testDatabaseUrl,
} from '@reintegra/testing';

/**
 * What every browser test of the office app needs: the built services as real processes, headless
 * Chromium, and the checks every screen passes (axe WCAG 2.2 AA, 360 px). The processes (dev
 * identity, intake, orchestrator, employment, education, directory, community inclusion, office
 * server) are started once for all spec files (libs/testing office-jest-global-setup.ts) — started
 * per file they cost about 40 s each — so a spec file tells its data apart by fresh DUIs and
 * surnames, never by having the services to itself.
 */
export const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
export const today = new Date().toISOString().slice(0, 10);
export type Json = Record<string, unknown>;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const urls = officeUrls(OFFICE_SUITES_PORT_BASE);

export class OfficeTestBed {
  readonly identity = { url: urls.identity };
  readonly intake = { url: urls.intake };
  readonly employment = { url: urls.employment };
  readonly education = { url: urls.education };
  readonly directory = { url: urls.directory };
  readonly community = { url: urls.community };
  readonly office = { url: urls.office };
  readonly shots: string;
  browser!: Browser;
  context!: BrowserContext;
  page!: Page;

  /** `name` labels the spec file's screenshots (artifacts/office-web/<name>). */
  constructor(name: string) {
    this.shots = join(findWorkspaceRoot(), 'artifacts/office-web', name);
  }

  /** Opens Chromium (the services are already running). */
  async start(): Promise<void> {
    mkdirSync(this.shots, { recursive: true });
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    this.context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'es-SV',
    });
    this.page = await this.context.newPage();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }

  /** A bearer token of a demo user. */
  tokenOf(user: string): Promise<string> {
    return devIdentityToken(this.identity.url, user);
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

export { freshDui } from '@reintegra/testing';

/** A surname no other run (nor other suite) has: possible duplicates are only the planned ones. */
export function uniqueSurname(): string {
  const letters = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  const pick = (from: string) => from.charAt(Math.floor(Math.random() * from.length));
  let word = '';
  for (let i = 0; i < 4; i++) word += pick(letters) + pick(vowels);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// The axe and 360 px checks are shared with the dashboard's browser tests.
export { expectAccessible, expectFitsNarrowScreen } from '@reintegra/testing';

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
