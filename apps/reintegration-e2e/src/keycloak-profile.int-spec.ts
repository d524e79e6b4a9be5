import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import {
  expectAccessible,
  expectFitsNarrowScreen,
  findWorkspaceRoot,
  testDatabaseUrl,
} from '@reintegra/testing';
import type { KeycloakRealm } from './keycloak-login';
import {
  DASHBOARD_PORT,
  KeycloakForTest,
  keycloakCached,
  OFFICE_PORT,
  ServicesTrustingKeycloak,
} from './keycloak-services';

/**
 * The `keycloak` profile end to end: people sign in through Keycloak's login form (authorization
 * code + PKCE, the realm's public web clients), a partner agency by client credentials, and the
 * services, pointed at the realm only through AUTH_ISSUER / AUTH_AUDIENCE / AUTH_JWKS_URL, apply
 * their role, municipality and organisation rules to those tokens.
 */
const cached = keycloakCached();
if (!cached) {
  console.warn(
    '[keycloak-profile] SKIPPED: the Keycloak distribution is not cached. ' +
      'Run `bash infra/stack.sh keycloak install` (about 160 MB from Maven Central) and run again.',
  );
}

const OFFICE = { client: 'office-web', redirect: 'http://127.0.0.1:3108/' };
const DASHBOARD = { client: 'supervisor-web', redirect: 'http://127.0.0.1:3106/' };
const PASSWORD = 'demo'; // DEV-ONLY, the realm file's demo password
const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const shots = join(findWorkspaceRoot(), 'artifacts/keycloak-profile');

const keycloak = new KeycloakForTest();
const services = new ServicesTrustingKeycloak();
let realm: KeycloakRealm;
const tokens: Record<'officer' | 'officerElsewhere' | 'supervisor' | 'admin' | 'partner', string> =
  { officer: '', officerElsewhere: '', supervisor: '', admin: '', partner: '' };

function call(base: string, method: string, path: string, token: string, body?: unknown) {
  return fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}
const intake = (method: string, path: string, token: string, body?: unknown) =>
  call(services.intake.url, method, path, token, body);
const gateway = (method: string, path: string, token: string, body?: unknown) =>
  call(services.gateway.url, method, path, token, body);

/** A DUI with a valid check digit (weights 9..2). */
function freshDui(): string {
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (9 - index), 0);
  return `${digits}-${(10 - (sum % 10)) % 10}`;
}

const registration = (municipalityCode: string) => ({
  dui: freshDui(),
  firstNames: 'Rosa Elena',
  lastNames: 'Campos',
  dateOfBirth: '1992-08-09',
  gender: 'female',
  returnDate: '2026-11-19',
  countryReturnedFrom: 'US',
  receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
  municipalityCode,
});

/** The realm's partner client acts for organisation `oim`: the gateway must know that agency. */
async function registerAgencyOim(): Promise<void> {
  const created = await gateway('POST', '/admin/agencies', tokens.admin, {
    id: 'oim',
    name: 'Organización Internacional para las Migraciones',
    category: 'iom',
  });
  if (created.status === 201) return;
  expect(created.status).toBe(409);
  // Other suites retire their agencies in the shared test database.
  const db = new Client({ connectionString: testDatabaseUrl('partner_gateway', 'migrator') });
  await db.connect();
  await db.query(`UPDATE agencies SET active = true WHERE id = 'oim'`);
  await db.end();
}

(cached ? describe : describe.skip)('the keycloak profile', () => {
  beforeAll(async () => {
    realm = await keycloak.start();
    await services.start(realm);
    [tokens.officer, tokens.officerElsewhere, tokens.supervisor, tokens.admin, tokens.partner] =
      await Promise.all([
        realm.loginWithPkce(OFFICE.client, OFFICE.redirect, 'oficial-la-paz-este', PASSWORD),
        realm.loginWithPkce(OFFICE.client, OFFICE.redirect, 'oficial-san-salvador', PASSWORD),
        realm.loginWithPkce(
          DASHBOARD.client,
          DASHBOARD.redirect,
          'supervisora-la-paz-este',
          PASSWORD,
        ),
        realm.loginWithPkce(OFFICE.client, OFFICE.redirect, 'admin', PASSWORD),
        realm.clientCredentials('partner-oim', 'partner-oim-dev-secret'),
      ]);
  }, 420_000);

  afterAll(async () => {
    await services.stop();
    await keycloak.stop();
  }, 60_000);

  it('refuses a sign-in without PKCE and with a wrong password', async () => {
    const withoutPkce = await fetch(realm.authorizationUrl(OFFICE.client, OFFICE.redirect), {
      redirect: 'manual',
    });
    expect(withoutPkce.status).toBe(302);
    expect(withoutPkce.headers.get('location')).toContain('error=invalid_request');
    await expect(
      realm.loginWithPkce(OFFICE.client, OFFICE.redirect, 'oficial-la-paz-este', 'wrong'),
    ).rejects.toThrow('did not redirect back with a code');
  });

  it('lets the officer register a returnee of her municipality and read it', async () => {
    const created = await intake('POST', '/returnees', tokens.officer, registration(LA_PAZ_ESTE));
    expect(created.status).toBe(201);
    const { returneeId } = (await created.json()) as { returneeId: string };
    expect((await intake('GET', `/returnees/${returneeId}`, tokens.officer)).status).toBe(200);

    // Another municipality's officer: same role, refused by the municipality in her token.
    const elsewhere = await intake('GET', `/returnees/${returneeId}`, tokens.officerElsewhere);
    expect(elsewhere.status).toBe(403);
    const write = await intake(
      'POST',
      '/returnees',
      tokens.officerElsewhere,
      registration(LA_PAZ_ESTE),
    );
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: 'auth.outside-municipality' });
  });

  it('refuses the officer on a supervisor route and lets the supervisor through', async () => {
    const path = `/cases/${randomUUID()}/closure`;
    const body = { reason: 'reintegrated' };
    const officer = await intake('POST', path, tokens.officer, body);
    expect(officer.status).toBe(403);
    expect(await officer.json()).toMatchObject({ code: 'auth.role-not-allowed' });
    // Past the role check: the case does not exist.
    expect((await intake('POST', path, tokens.supervisor, body)).status).toBe(404);
  });

  it('accepts the partner client token on the gateway for its own agency only', async () => {
    await registerAgencyOim();
    const me = await gateway('GET', '/agency', tokens.partner);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'oim' });
    // A staff token is not a partner's; a partner token opens no staff route.
    expect((await gateway('GET', '/agency', tokens.officer)).status).toBe(403);
    expect(
      (await intake('POST', '/returnees', tokens.partner, registration(LA_PAZ_ESTE))).status,
    ).toBe(403);
  });

  it('refuses a token of the same realm whose signature was tampered with', async () => {
    const [header, payload, signature] = tokens.officer.split('.');
    const forged = Buffer.from(payload ?? '', 'base64url')
      .toString()
      .replace('"intake-officer"', '"national-supervisor"');
    const token = `${header}.${Buffer.from(forged).toString('base64url')}.${signature}`;
    expect((await intake('GET', `/returnees/${randomUUID()}`, token)).status).toBe(401);
  });

  it('signs the supervisor in to the dashboard in a browser (code + PKCE through the realm)', async () => {
    const me = await signInWithBrowser(
      `http://127.0.0.1:${DASHBOARD_PORT}`,
      'supervisora-la-paz-este',
      { name: 'dashboard', tokenKey: 'reintegra.supervisor.token', probe: '/api/me' },
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: ['supervisor'], municipalityCode: LA_PAZ_ESTE });
  });

  it('signs the officer in to the office app in a browser, and intake accepts her token', async () => {
    // Through the office server's proxy: past the token and role checks, an unknown person.
    const read = await signInWithBrowser(`http://127.0.0.1:${OFFICE_PORT}`, 'oficial-la-paz-este', {
      name: 'office',
      tokenKey: 'reintegra.office.token',
      probe: `/api/intake/returnees/${randomUUID()}`,
    });
    expect(read.status).toBe(404);
  });
});

/**
 * A person signing in to a web app in Chromium at 360 px: the app's button, the realm's login
 * form, back in the app's signed-in shell. Then the page calls `probe` with the token it got.
 */
async function signInWithBrowser(
  app: string,
  user: string,
  options: { name: string; tokenKey: string; probe: string },
): Promise<{ status: number; body: unknown }> {
  const { name } = options;
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
  try {
    await page.goto(`${app}/`);
    const signIn = page.getByRole('button', { name: 'Ingresar con la cuenta de su institución' });
    await signIn.waitFor();
    await expectAccessible(page, `${name}: login with the identity provider`);
    await expectFitsNarrowScreen(page);
    await page.screenshot({ path: join(shots, `${name}-1-login.png`), fullPage: true });

    await signIn.click();
    await page.waitForURL(`${realm.issuer}/**`);
    await page.locator('#username').fill(user);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#kc-login').click();

    // Back in the app, signed in, the code gone from the address.
    await page.getByRole('button', { name: 'Salir' }).waitFor();
    expect(page.url()).not.toContain('code=');
    await expectAccessible(page, `${name}: signed in with the identity provider`);
    await page.screenshot({ path: join(shots, `${name}-2-signed-in.png`), fullPage: true });
    return await page.evaluate(
      async ({ tokenKey, probe }) => {
        // Runs in the page (typed here without the DOM library).
        const { sessionStorage } = globalThis as unknown as {
          sessionStorage: { getItem: (key: string) => string | null };
        };
        const token = sessionStorage.getItem(tokenKey) ?? '';
        const response = await fetch(probe, { headers: { authorization: `Bearer ${token}` } });
        return { status: response.status, body: await response.json().catch(() => null) };
      },
      { tokenKey: options.tokenKey, probe: options.probe },
    );
  } catch (error) {
    await page.screenshot({ path: join(shots, `${name}-failed.png`), fullPage: true });
    throw error;
  } finally {
    await browser.close();
  }
}
