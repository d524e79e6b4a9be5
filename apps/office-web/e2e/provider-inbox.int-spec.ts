import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '@reintegra/testing';
import {
  call,
  expectAccessible,
  expectFitsNarrowScreen,
  freshDui,
  type Json,
  MUNICIPALITY,
  OfficeTestBed,
  tabTo,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * "Remisiones recibidas" for the staff of an outside organisation, every part real: intake's
 * housing referrals reach the shelter's inbox in the service directory through Kafka; the shelter
 * answers on screen (accept; no place then decline with a reason; accept then completed with an
 * outcome); the answers come back to intake's case through the closed loop. Another
 * organisation's referral is never shown, and a user without provider-staff is refused the screen.
 * Screenshots in artifacts/office-web/provider-inbox/.
 */
const bed = new OfficeTestBed('provider-inbox');
let page: Page;
const SHELTER = 'casa-acogida-nonualco';
const run = randomUUID().slice(0, 6);
// The test database keeps earlier runs: the other organisation carries this run's tag.
const OTHER = `e2e-${run}-otro-albergue`;
const ZACATECOLUCA = `${MUNICIPALITY}/ZACATECOLUCA`;
const firstNames = 'Rosa Amalia';
const lastNames = `${uniqueSurname()} ${uniqueSurname()}`;
const dui = freshDui();
let officer = '';
let shelterStaff = '';
let caseId = '';
const referrals = { accept: '', decline: '', complete: '', other: '' };

const directory = (method: string, path: string, token: string, body?: unknown) =>
  call(bed.directory.url, method, path, token, body);

/** The organisation with a location and an active housing service with places (idempotent). */
async function ensureShelter(admin: string, id: string): Promise<void> {
  const organization = await directory('POST', '/organizations', admin, {
    id,
    name: id === SHELTER ? 'Casa de Acogida Los Nonualcos' : `Albergue de prueba ${run}`,
    description: 'Albergue temporal para personas retornadas.',
    municipalityCode: MUNICIPALITY,
  });
  expect([201, 409]).toContain(organization.status);
  const listed = await directory('GET', `/services?organizationId=${id}`, admin);
  const housing = (listed.body as unknown as { id: string; serviceType: string }[]).find(
    (service) => service.serviceType === 'housing',
  );
  let serviceId = housing?.id;
  if (!serviceId) {
    const location = await directory('POST', '/locations', admin, {
      organizationId: id,
      name: 'Sede San Juan Nonualco',
      municipalityCode: MUNICIPALITY,
      districtCode: `${MUNICIPALITY}/SAN-JUAN-NONUALCO`,
    });
    expect(location.status).toBe(201);
    const created = await directory('POST', '/services', admin, {
      locationId: location.body['id'],
      name: 'Albergue temporal',
      serviceType: 'housing',
      capacityAvailable: 5,
    });
    expect(created.status).toBe(201);
    serviceId = created.body['id'] as string;
  }
  const active = await directory('PATCH', `/services/${serviceId}`, admin, { status: 'active' });
  expect(active.status).toBe(200);
  const places = await directory('PUT', `/services/${serviceId}/capacity`, admin, {
    available: 5,
  });
  expect(places.status).toBe(200);
}

async function refer(providerIds: string[]): Promise<string> {
  const referral = await call(bed.intake.url, 'POST', `/cases/${caseId}/referrals`, officer, {
    service: 'housing',
    priority: 'urgent',
    providerIds,
  });
  expect(referral.status).toBe(201);
  return referral.body['id'] as string;
}

/** Intake's view of a referral of the case (what the municipal office sees). */
async function inIntake(referralId: string): Promise<Json | undefined> {
  const listed = await call(bed.intake.url, 'GET', `/cases/${caseId}/referrals`, officer);
  return (listed.body as unknown as Json[]).find((referral) => referral['id'] === referralId);
}

/** axe at desktop width, then at 360 px nothing spills sideways and axe again; both shot. */
async function check(screen: string, step: string): Promise<void> {
  await expectAccessible(page, screen);
  await bed.shot(step);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectFitsNarrowScreen(page);
  await expectAccessible(page, `${screen} at 360 px`);
  await bed.shot(`${step}-360px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Moves within the app by its address (as a typed or bookmarked link would). */
const go = (hash: string) =>
  page.evaluate((target) => {
    window.location.hash = target;
  }, hash);

const item = (referralId: string) =>
  page.locator(`[data-testid="provider-referral"][data-referral-id="${referralId}"]`);

async function openReferral(referralId: string): Promise<void> {
  await go('#/provider-inbox');
  await item(referralId).waitFor();
  await item(referralId)
    .getByRole('link', { name: /^Ver y responder la remisión / })
    .click();
  await page.getByTestId('provider-referral-detail').waitFor();
}

const status = () => page.getByTestId('provider-referral-detail').getByTestId('referral-status');

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  const admin = await bed.tokenOf('admin');
  [officer, shelterStaff] = await Promise.all([
    bed.tokenOf('oficial-la-paz-este'),
    bed.tokenOf('albergue-nonualco'),
  ]);
  await ensureShelter(admin, SHELTER);
  await ensureShelter(admin, OTHER);
  const registered = await call(bed.intake.url, 'POST', '/returnees', officer, {
    dui,
    firstNames,
    lastNames,
    dateOfBirth: '1992-03-15',
    gender: 'female',
    returnDate: today,
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
    districtCode: ZACATECOLUCA,
    confirmedNewPerson: true,
  });
  expect(registered.status).toBe(201);
  caseId = registered.body['caseId'] as string;
  const consent = await call(bed.intake.url, 'POST', `/cases/${caseId}/consents`, officer, {
    purpose: 'service-referral',
    scope: 'housing',
    formVersion: 'recepcion-2026-12-v1',
  });
  expect(consent.status).toBe(201);
  referrals.accept = await refer([SHELTER]);
  // Asked of two shelters at once: after this one declines the other is still asked, so the
  // path does not re-route and intake keeps the decline to show.
  referrals.decline = await refer([SHELTER, OTHER]);
  referrals.complete = await refer([SHELTER]);
  referrals.other = await refer([OTHER]);
  // Each reaches the directory's inbox through Kafka, and the path has sent it.
  for (const referralId of Object.values(referrals)) {
    await eventually(async () => expect((await inIntake(referralId))?.['status']).toBe('sent'), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
  }
  await eventually(
    async () =>
      expect(
        (await directory('GET', `/provider-inbox/referrals/${referrals.complete}`, shelterStaff))
          .status,
      ).toBe(200),
    { timeoutMs: 60_000, intervalMs: 500 },
  );
}, 360_000);

afterAll(() => bed.stop());

describe('Remisiones recibidas', () => {
  it("lists only the organisation's referrals; another organisation's is neither shown nor given", async () => {
    await bed.login('albergue-nonualco');
    await page.getByRole('heading', { name: 'Remisiones recibidas' }).waitFor();
    for (const referralId of [referrals.accept, referrals.decline, referrals.complete]) {
      await item(referralId).waitFor();
      expect(await item(referralId).getByTestId('referral-status').textContent()).toBe(
        'por responder',
      );
    }
    expect(await item(referrals.accept).textContent()).toContain('Albergue y vivienda');
    expect(await item(referrals.accept).textContent()).toContain('Responder antes de');
    expect(await item(referrals.other).count()).toBe(0);
    const refused = await directory(
      'GET',
      `/provider-inbox/referrals/${referrals.other}`,
      shelterStaff,
    );
    expect(refused.status).toBe(404);
    expect(refused.body['code']).toBe('referral.not-found');
    // Nor through the screen's address: the API's problem is shown, no detail.
    await go(`#/provider-inbox/${referrals.other}`);
    await page.getByRole('alert').getByText('Remisión no encontrada').waitFor();
    expect(await page.getByTestId('provider-referral-detail').count()).toBe(0);
    await go('#/provider-inbox');
    await item(referrals.accept).waitFor();
    await check('provider inbox', '01-inbox');
  });

  it('shows only the need-to-know facts and accepts by keyboard; intake sees it accepted', async () => {
    await openReferral(referrals.accept);
    const api = await directory(
      'GET',
      `/provider-inbox/referrals/${referrals.accept}`,
      shelterStaff,
    );
    const facts = api.body['facts'] as Json;
    // Housing needs sex and age; the district intake shared for routing is not kept.
    expect(Object.keys(facts).sort()).toEqual(['ageYears', 'sex']);
    const shown = await page
      .getByTestId('need-to-know')
      .locator('[data-fact]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-fact')));
    expect(shown.sort()).toEqual(['ageYears', 'sex']);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Mujer');
    expect(text).toContain(`${String(facts['ageYears'])} años`);
    for (const secret of [firstNames, lastNames, dui, caseId, 'ZACATECOLUCA'])
      expect(text).not.toContain(secret);
    await check('referral detail', '02-detail');
    await tabTo(page, 'Aceptar');
    await page.keyboard.press('Enter');
    await page.getByTestId('provider-notice').getByText('Remisión aceptada.').waitFor();
    await eventually(async () => expect(await status().textContent()).toContain('aceptada'));
    await check('referral accepted', '03-accepted');
    await eventually(
      async () =>
        expect(await inIntake(referrals.accept)).toMatchObject({
          status: 'accepted',
          acceptedBy: SHELTER,
        }),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  it('puts one on the waiting list, then declines it with a reason chosen from the list', async () => {
    await openReferral(referrals.decline);
    await page.getByRole('button', { name: 'Sin cupo (lista de espera)' }).click();
    await page
      .getByTestId('provider-notice')
      .getByText(/lista de espera/)
      .waitFor();
    await eventually(async () => expect(await status().textContent()).toContain('sin cupo'));
    await page.getByRole('button', { name: 'Rechazar' }).click();
    // The select takes the focus; confirming without a reason shows the API's error beside it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.getByRole('button', { name: 'Confirmar rechazo' }).click();
    const reason = page.getByLabel('Motivo del rechazo');
    await eventually(async () => expect(await reason.getAttribute('aria-invalid')).toBe('true'));
    const errorId = (await reason.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${errorId}"]`).textContent()).not.toBe('');
    await check('decline with a reason, error shown', '04-decline-error');
    await reason.selectOption({ label: 'No cumple los requisitos del servicio' });
    await page.getByRole('button', { name: 'Confirmar rechazo' }).click();
    await page.getByTestId('provider-notice').getByText('Remisión rechazada.').waitFor();
    await eventually(async () => expect(await status().textContent()).toContain('rechazada'));
    expect(await page.getByTestId('referral-reason').textContent()).toBe(
      'No cumple los requisitos del servicio',
    );
    expect(await page.getByRole('button', { name: 'Aceptar' }).count()).toBe(0);
    await check('referral declined', '05-declined');
    await eventually(
      async () =>
        expect(await inIntake(referrals.decline)).toMatchObject({
          status: 'declined',
          statusReason: 'not-eligible',
        }),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  it('accepts another and records it completed with an outcome, on a phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openReferral(referrals.complete);
    await page.getByRole('button', { name: 'Aceptar' }).click();
    await page.getByTestId('provider-notice').getByText('Remisión aceptada.').waitFor();
    await page.getByRole('button', { name: 'Servicio completado' }).click();
    await page.getByLabel('Resultado').selectOption({ label: 'Alojada' });
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'completion at 360 px');
    await bed.shot('06-completion-360px');
    await page.getByRole('button', { name: 'Confirmar servicio completado' }).click();
    await page
      .getByTestId('provider-notice')
      .getByText('Servicio registrado como completado.')
      .waitFor();
    await eventually(async () =>
      expect(await status().textContent()).toContain('servicio completado'),
    );
    expect(await page.getByTestId('referral-reason').textContent()).toBe('Alojada');
    await bed.shot('07-completed-360px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await eventually(
      async () =>
        expect(await inIntake(referrals.complete)).toMatchObject({
          status: 'completed',
          statusReason: 'housed',
        }),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // The list now has the three answered, the accepted one still to finish.
    await go('#/provider-inbox');
    await item(referrals.complete).waitFor();
    expect(
      await page
        .getByTestId('inbox-answered')
        .locator(`[data-referral-id="${referrals.complete}"]`)
        .count(),
    ).toBe(1);
    expect(
      await page.getByTestId('inbox').locator(`[data-referral-id="${referrals.accept}"]`).count(),
    ).toBe(1);
  });

  it('refuses the screen to a user without provider-staff', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('link', { name: 'Recepción' }).waitFor();
    await go('#/provider-inbox');
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByRole('link', { name: 'Remisiones recibidas' }).count()).toBe(0);
    expect(await page.getByTestId('provider-referral').count()).toBe(0);
    const refused = await directory('GET', '/provider-inbox/referrals', officer);
    expect(refused.status).toBe(403);
    await check('provider inbox refused', '08-refused');
  });
});
