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
 * device), then the queue goes out when the network is back, and the last 6 online again. While
 * the network was down, another reception point registered two of the queued people's records:
 * one with the same DUI (the same person: a new return), one namesake (a different person); the
 * officer resolves both from the queue. No one lost, no one twice; nothing personal left on the
 * device in clear, nothing at all once synced and signed out.
 * Screenshots in artifacts/office-web/reception-offline/.
 */
const bed = new OfficeTestBed('reception-offline');
let page: Page;
let db: Client;
const trip = `GXA${Math.floor(1000 + Math.random() * 9000)}`;
/** Two people of the flight intake knows: one returned before, one has a namesake. */
const RETURNING = 2;
const NAMESAKE = 5;
/** Two people queued offline whom another point registers meanwhile: same DUI, a namesake. */
const SAME_DUI_ELSEWHERE = 9;
const NAMESAKE_ELSEWHERE = 12;
/** Registered by intake, but the answer is lost on the way back: queued, replayed, once. */
const LOST_ANSWER = 3;
const flight = Array.from({ length: 20 }, (_, i) => ({
  firstNames: i % 2 === 0 ? 'Juan Carlos' : 'Ana María',
  lastNames: `${uniqueSurname()} ${uniqueSurname()}`,
  // Years apart: people of one flight are never offered as duplicates of each other.
  dateOfBirth: `${1950 + i * 2}-0${(i % 9) + 1}-1${i % 9}`,
  gender: i % 2 === 0 ? 'male' : 'female',
  dui: [RETURNING, NAMESAKE, NAMESAKE_ELSEWHERE].includes(i) ? '' : freshDui(),
}));
const nameOf = (i: number) => `${flight[i]?.firstNames} ${flight[i]?.lastNames}`;
let listId = '';
let officer = '';

/** A registration straight to intake, as another reception point (or an earlier return) makes it. */
async function registerElsewhere(index: number, dateOfBirth: string, dui?: string): Promise<void> {
  const known = await fetch(`${bed.intake.url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: officer },
    body: JSON.stringify({
      ...(dui ? { dui } : {}),
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
/** A date of birth months from the person's: a namesake, offered as a possible duplicate. */
const monthsApart = (index: number) => `${flight[index]?.dateOfBirth.slice(0, 4)}-12-01`;

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  officer = await bed.tokenOf('oficial-la-paz-este');
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
  await registerElsewhere(RETURNING, flight[RETURNING]?.dateOfBirth ?? '');
  await registerElsewhere(NAMESAKE, monthsApart(NAMESAKE));
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
      offline || index === LOST_ANSWER
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

const status = (text: string | RegExp, timeout?: number) =>
  page
    .getByTestId('sync-status')
    .getByText(text)
    .waitFor(timeout ? { timeout } : {});

/** The device's stores, read as any script of the page could: counts and what is in clear. */
const device = (surname = '') =>
  page.evaluate(
    (needle) =>
      new Promise<{ queue: number; sent: number; lists: number; keys: number; clear: string[] }>(
        (resolve, reject) => {
          const open = indexedDB.open('reintegra-office');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['queue', 'sent', 'lists', 'keys']);
            const read = (name: string) => tx.objectStore(name).getAll();
            const [queue, sent, lists, keys] = [
              read('queue'),
              read('sent'),
              read('lists'),
              read('keys'),
            ];
            tx.oncomplete = () => {
              // Whatever a record holds outside its sealed part, and its sealed bytes as text:
              // the person's surname must appear in neither.
              const clear = [...queue.result, ...lists.result].flatMap((record: unknown) => {
                const { sealed, ...rest } = record as { sealed?: { data: ArrayBuffer } };
                const bytes = sealed ? new TextDecoder().decode(sealed.data) : '';
                return needle && (JSON.stringify(rest) + bytes).includes(needle)
                  ? [JSON.stringify(rest)]
                  : [];
              });
              resolve({
                queue: queue.result.length,
                sent: sent.result.length,
                lists: lists.result.length,
                keys: keys.result.length,
                clear,
              });
            };
          };
        },
      ),
    surname,
  );

describe('reception without a network', () => {
  it('registers 8 people online with idempotency keys', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await page.goto(`${bed.office.url}/#/reception/${listId}`);
    await page.getByRole('button', { name: `Registrar a ${nameOf(0)}` }).waitFor();
    // The shell is kept for offline work before the network goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // One registration reaches intake but its answer never comes back (the connection drops).
    const lost = flight[LOST_ANSWER]?.lastNames ?? '';
    let dropped = 0;
    await page.route('**/api/intake/returnees', async (route) => {
      if (dropped > 0 || !route.request().postData()?.includes(lost)) return route.continue();
      dropped += 1;
      await route.fetch();
      return route.abort('connectionreset');
    });
    const replayed: string[] = [];
    page.on('response', (response) => {
      if (response.headers()['idempotent-replayed'] === 'true') replayed.push(response.url());
    });
    await register(0, 8, false);
    await status('Todo sincronizado.');
    expect((await device()).queue).toBe(0);
    // The queue sent it again with its key: intake answered the first registration again.
    expect(dropped).toBe(1);
    expect(replayed).toEqual([`${bed.office.url}/api/intake/returnees`]);
    await page.unroute('**/api/intake/returnees');
  });

  it('keeps registering offline, through a reload, with the queue shown and sealed', async () => {
    await page.reload(); // back to the list (the last form is done)
    await page.getByRole('button', { name: `Registrar a ${nameOf(8)}` }).waitFor();
    await bed.context.setOffline(true);
    await status(/^Sin conexión/);
    await register(8, 11, true);
    await status('Sin conexión — 3 registros en espera.', 5_000);
    await expectAccessible(page, 'registered offline');
    await bed.shot('01-registered-offline');
    // Meanwhile another reception point registers person 9's DUI (an earlier return of theirs).
    await registerElsewhere(
      SAME_DUI_ELSEWHERE,
      flight[SAME_DUI_ELSEWHERE]?.dateOfBirth ?? '',
      flight[SAME_DUI_ELSEWHERE]?.dui,
    );

    await page.reload();
    await page.getByTestId('list-from-device').waitFor();
    // The three queued people are not offered again; the rest of the flight is.
    expect(await page.getByTestId('pending-entry').count()).toBe(9);
    expect(await page.getByRole('button', { name: `Registrar a ${nameOf(10)}` }).count()).toBe(0);
    // Queued people and those of the kept list are sealed: their names are nowhere in clear.
    for (const index of [8, 15])
      expect(await device(flight[index]?.lastNames.split(' ')[0])).toMatchObject({
        queue: 6,
        lists: 10, // the list's mark and its 9 people still to register
        keys: 1,
        clear: [],
      });
    await status('Sin conexión — 3 registros en espera.');
    await expectAccessible(page, 'list from the device');
    await bed.shot('02-reloaded-offline');
    await page.setViewportSize({ width: 360, height: 780 });
    await register(11, 14, true);
    await status('Sin conexión — 6 registros en espera.');
    expect((await device()).queue).toBe(12);
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'offline on a phone');
    await bed.shot('03-offline-360px');
    await page.setViewportSize({ width: 1280, height: 900 });
    // And a namesake of person 12 is registered elsewhere, born months apart.
    await registerElsewhere(NAMESAKE_ELSEWHERE, monthsApart(NAMESAKE_ELSEWHERE));
  });

  it('sends the queue in order when the network is back; the officer resolves what changed meanwhile', async () => {
    await bed.context.setOffline(false);
    await page.getByRole('button', { name: 'Volver a la lista' }).click();
    await status('2 registros necesitan su revisión.', 60_000);
    // Every other person went out; only the two refused and their consents wait.
    expect((await device()).queue).toBe(4);
    const conflicts = page.getByTestId('conflict');
    expect(await conflicts.count()).toBe(2);
    await conflicts.filter({ hasText: 'Ya hay una persona registrada con este DUI' }).waitFor();
    await conflicts.filter({ hasText: 'Hay registros parecidos' }).waitFor();
    await expectAccessible(page, 'conflicts');
    await bed.shot('04-conflicts');

    await page
      .getByRole('button', { name: `Comparar y decidir: ${nameOf(SAME_DUI_ELSEWHERE)}` })
      .click();
    await page
      .getByTestId('candidate')
      .getByText(flight[SAME_DUI_ELSEWHERE]?.dui ?? '')
      .waitFor();
    // A DUI is certain: the only choices are the same person or discarding.
    expect(
      await page
        .getByRole('button', { name: 'Es una persona distinta → registrarla como nueva' })
        .count(),
    ).toBe(0);
    await expectAccessible(page, 'conflict compared');
    await bed.shot('05-conflict-same-dui');
    await page.getByRole('button', { name: /Es la misma persona.*Registro existente 1/ }).click();
    await page.getByText(`${nameOf(SAME_DUI_ELSEWHERE)}: decisión guardada`).waitFor();

    await page.setViewportSize({ width: 360, height: 780 });
    await page
      .getByRole('button', { name: `Comparar y decidir: ${nameOf(NAMESAKE_ELSEWHERE)}` })
      .click();
    await page.getByTestId('candidate').getByText('Parecido del nombre').waitFor();
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'namesake compared at 360 px');
    await bed.shot('06-conflict-namesake-360px');
    await page
      .getByRole('button', { name: 'Es una persona distinta → registrarla como nueva' })
      .click();
    await status('Todo sincronizado.', 60_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await device()).queue).toBe(0);
    await bed.shot('07-synced');

    await page.reload();
    await page.getByRole('button', { name: `Registrar a ${nameOf(14)}` }).waitFor();
    expect(await page.getByTestId('pending-entry').count()).toBe(6);
    await register(14, 20, false);
  });

  it('holds each person of the flight once, with their consent; nothing left on the device', async () => {
    // Each person once (the returning ones on their earlier record, with a second return), each
    // with the one consent given at this reception.
    await eventually(async () => {
      for (const [index, person] of flight.entries()) {
        const found = await db.query(
          `SELECT count(DISTINCT r.id)::int AS people, count(DISTINCT e.id)::int AS returns,
                  count(c.id)::int AS consents
             FROM returnees r JOIN return_episodes e ON e.returnee_id = r.id
             LEFT JOIN consents c ON c.case_id = e.id
            WHERE r.first_names = $1 AND r.last_names = $2 AND r.date_of_birth = $3`,
          [person.firstNames, person.lastNames, person.dateOfBirth],
        );
        expect({ index, ...found.rows[0] }).toEqual({
          index,
          people: 1,
          returns: index === RETURNING || index === SAME_DUI_ELSEWHERE ? 2 : 1,
          consents: 1,
        });
      }
    });
    const pending = await db.query(
      `SELECT count(*)::int AS n FROM arrival_entries WHERE list_id = $1 AND status = 'pending'`,
      [listId],
    );
    expect(pending.rows[0].n).toBe(0);
    expect((await device()).queue).toBe(0);
    // Signing out forgets the kept list and, nothing waiting, the key.
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('heading', { name: 'Ingreso a la oficina' }).waitFor();
    await eventually(async () =>
      expect(await device()).toEqual({ queue: 0, sent: 0, lists: 0, keys: 0, clear: [] }),
    );
  });
});
