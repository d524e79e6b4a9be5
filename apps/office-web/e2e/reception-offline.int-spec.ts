import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { eventually, testDatabaseUrl } from '@reintegra/testing';
import {
  expectAccessible,
  expectFitsNarrowScreen,
  freshDui,
  MUNICIPALITY,
  OfficeTestBed,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * A flight of 20 received with the network dropping in the middle: 8 people registered online,
 * 6 while offline (with a reload of the page among them: the app and the list come back from the
 * device), then the queue goes out when the network is back, and the last 6 online again. No one
 * lost, no one twice. Screenshots in artifacts/office-web/reception-offline/.
 */
const bed = new OfficeTestBed('reception-offline', 3460);
let page: Page;
let db: Client;
const trip = `GXA${Math.floor(1000 + Math.random() * 9000)}`;
/** Two people of the flight intake knows: one returned before, one has a namesake. */
const RETURNING = 2;
const NAMESAKE = 5;
const flight = Array.from({ length: 20 }, (_, i) => ({
  firstNames: i % 2 === 0 ? 'Juan Carlos' : 'Ana María',
  lastNames: `${uniqueSurname()} ${uniqueSurname()}`,
  // Years apart: people of one flight are never offered as duplicates of each other.
  dateOfBirth: `${1950 + i * 2}-0${(i % 9) + 1}-1${i % 9}`,
  gender: i % 2 === 0 ? 'male' : 'female',
  dui: i === RETURNING || i === NAMESAKE ? '' : freshDui(),
}));
const nameOf = (i: number) => `${flight[i]?.firstNames} ${flight[i]?.lastNames}`;
let listId = '';

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  const officer = await bed.tokenOf('oficial-la-paz-este');
  const header =
    'transport,tripNumber,arrivalDate,receptionPoint,countryReturnedFrom,firstNames,lastNames,dateOfBirth,gender,dui,municipalityCode';
  const rows = flight.map((p) =>
    [
      'flight',
      trip,
      today,
      'aeropuerto-internacional-san-oscar-romero',
      'US',
      p.firstNames,
      p.lastNames,
      p.dateOfBirth,
      p.gender,
      p.dui,
      MUNICIPALITY,
    ].join(','),
  );
  const imported = await fetch(`${bed.intake.url}/arrival-lists`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: officer },
    body: [header, ...rows].join('\n'),
  });
  expect(imported.status).toBe(201);
  listId = ((await imported.json()) as { id: string }).id;
  for (const [index, dateOfBirth] of [
    [RETURNING, flight[RETURNING]?.dateOfBirth],
    [NAMESAKE, `${flight[NAMESAKE]?.dateOfBirth.slice(0, 4)}-12-01`],
  ] as const) {
    const known = await fetch(`${bed.intake.url}/returnees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: officer },
      body: JSON.stringify({
        firstNames: flight[index]?.firstNames,
        lastNames: flight[index]?.lastNames,
        dateOfBirth,
        gender: flight[index]?.gender,
        returnDate: '2025-03-10',
        countryReturnedFrom: 'MX',
        receptionPoint: 'frontera-la-hachadura',
        municipalityCode: MUNICIPALITY,
        confirmedNewPerson: true,
      }),
    });
    expect(known.status).toBe(201);
  }
  db = new Client({ connectionString: testDatabaseUrl('intake', 'migrator') });
  await db.connect();
}, 300_000);

afterAll(async () => {
  await db?.end();
  await bed.stop();
});

/** Registers the person whose form is open: pre-filled, district, consent for employment, next. */
async function registerOpenForm(index: number, offline: boolean): Promise<void> {
  await page.getByRole('heading', { name: `Registro de ${nameOf(index)}` }).waitFor();
  await page.getByLabel('Distrito donde va a vivir').focus();
  await page.keyboard.type('Zacatecoluca');
  await page.getByRole('button', { name: 'Registrar persona' }).click();
  if (index === RETURNING || index === NAMESAKE) {
    // Resolved on screen, side by side: the same person returned again, or someone else.
    await page
      .getByRole('heading', { name: '¿Ya la conocemos? Compare antes de seguir' })
      .waitFor();
    await expectAccessible(page, `duplicates ${index}`);
    if (index === RETURNING)
      await page.getByRole('button', { name: /Es la misma persona.*Registro existente 1/ }).click();
    else
      await page
        .getByRole('button', { name: 'Es una persona distinta → registrarla como nueva' })
        .click();
  }
  await page.getByRole('heading', { name: 'Consentimiento' }).waitFor();
  await page.getByLabel('Enviar sus datos a la oficina de empleo').check();
  await page.getByRole('button', { name: 'Guardar consentimiento' }).click();
  await page
    .getByTestId('consent-saved')
    .getByText(
      offline
        ? 'Consentimiento guardado sin conexión: 1 propósito.'
        : 'Consentimiento guardado: 1 propósito.',
    )
    .waitFor();
}

async function register(from: number, to: number, offline: boolean): Promise<void> {
  await page.getByRole('button', { name: `Registrar a ${nameOf(from)}` }).click();
  for (let i = from; i < to; i++) {
    await registerOpenForm(i, offline);
    if (i < to - 1) await page.getByTestId('next-person').click();
  }
}

const syncStatus = () => page.getByTestId('sync-status').textContent();
const queued = () =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('reintegra-office');
        open.onsuccess = () => {
          const count = open.result.transaction('queue').objectStore('queue').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );

describe('reception without a network', () => {
  it('registers 8 people online with idempotency keys', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await page.goto(`${bed.office.url}/#/reception/${listId}`);
    await page.getByRole('button', { name: `Registrar a ${nameOf(0)}` }).waitFor();
    // The shell is kept for offline work before the network goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await register(0, 8, false);
    expect(await syncStatus()).toBe('Todo enviado.');
  });

  it('keeps registering offline, through a reload, with the queue shown', async () => {
    await page.reload(); // back to the list (the last form is done)
    await page.getByRole('button', { name: `Registrar a ${nameOf(8)}` }).waitFor();
    await bed.context.setOffline(true);
    await page
      .getByTestId('sync-status')
      .getByText(/^Sin conexión/)
      .waitFor();
    await register(8, 11, true);
    await page
      .getByTestId('sync-status')
      .getByText(/6 envíos pendientes/)
      .waitFor();
    await expectAccessible(page, 'registered offline');
    await bed.shot('01-registered-offline');

    await page.reload();
    await page.getByTestId('list-from-device').waitFor();
    // The three queued people are not offered again; the rest of the flight is.
    expect(await page.getByTestId('pending-entry').count()).toBe(9);
    expect(await page.getByRole('button', { name: `Registrar a ${nameOf(10)}` }).count()).toBe(0);
    expect(await queued()).toBe(6);
    await expectAccessible(page, 'list from the device');
    await bed.shot('02-reloaded-offline');
    await page.setViewportSize({ width: 360, height: 780 });
    await register(11, 14, true);
    await page
      .getByTestId('sync-status')
      .getByText(/12 envíos pendientes/)
      .waitFor();
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'offline on a phone');
    await bed.shot('03-offline-360px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('sends the queue in order when the network is back: each person once, consents included', async () => {
    await bed.context.setOffline(false);
    await page.getByTestId('sync-status').getByText('Todo enviado.').waitFor({ timeout: 60_000 });
    expect(await queued()).toBe(0);
    await bed.shot('04-synced');
    await page.reload();
    await page.getByRole('button', { name: `Registrar a ${nameOf(14)}` }).waitFor();
    expect(await page.getByTestId('pending-entry').count()).toBe(6);
    await register(14, 20, false);

    // Each person of the flight once (the returning one on their earlier record, with a second
    // return), each with the one consent given at this reception.
    await eventually(async () => {
      for (const person of flight) {
        const found = await db.query(
          `SELECT count(DISTINCT r.id)::int AS people, count(DISTINCT e.id)::int AS returns,
                  count(c.id)::int AS consents
             FROM returnees r JOIN return_episodes e ON e.returnee_id = r.id
             LEFT JOIN consents c ON c.case_id = e.id
            WHERE r.first_names = $1 AND r.last_names = $2 AND r.date_of_birth = $3`,
          [person.firstNames, person.lastNames, person.dateOfBirth],
        );
        expect({ name: person.lastNames, ...found.rows[0] }).toEqual({
          name: person.lastNames,
          people: 1,
          returns: person === flight[RETURNING] ? 2 : 1,
          consents: 1,
        });
      }
    });
    const pending = await db.query(
      `SELECT count(*)::int AS n FROM arrival_entries WHERE list_id = $1 AND status = 'pending'`,
      [listId],
    );
    expect(pending.rows[0].n).toBe(0);
    expect(await queued()).toBe(0);
  });
});
