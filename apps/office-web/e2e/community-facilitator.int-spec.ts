import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { testDatabaseUrl } from '@reintegra/testing';
import {
  call,
  expectAccessible,
  expectFitsNarrowScreen,
  MUNICIPALITY,
  OfficeTestBed,
  tabTo,
  uniqueSurname,
} from './office-test-bed';

/**
 * The community facilitator's screens against the built services: an activity of 40 people of
 * mixed origin with five earlier sessions (two people stopped coming in the last three; nobody
 * has the six sessions sustained participation needs yet). Today's
 * attendance is taken on a 360 px phone without a network, through a reload, partly with the
 * keyboard; when the network is back the 40 marks reach the service once each, and the screen
 * shows who now has sustained participation and who still stopped coming.
 * Screenshots in artifacts/office-web/community/.
 */
const bed = new OfficeTestBed('community');
let page: Page;
let db: Client;
const run = randomUUID().slice(0, 6);
const title = `Taller de muralismo ${run}`;
const svDay = (offset: number) =>
  new Date(Date.now() - 6 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const ORIGINS = ['resident', 'family', 'diaspora', 'official'] as const;
const people = Array.from({ length: 40 }, (_, i) => ({
  id: '',
  name: `${i % 2 === 0 ? 'Ana' : 'José'} ${uniqueSurname()}`,
}));
const name = (i: number) => people[i]?.name ?? '';
/** Missed the last three sessions: on the drop-off list. Today one comes back, one does not. */
const COMES_BACK = 0;
const STAYS_AWAY = 1;
let activityId = '';
let token = '';
const sessionId = randomUUID();
/** Every attendance sheet the phone sent, by the marks it held. */
const sent: { participantId: string; markId: string }[] = [];

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  token = await bed.tokenOf('facilitadora-la-paz-este');
  const community = async (method: string, path: string, body: unknown, status: number) => {
    const answer = await call(bed.community.url, method, path, token, body);
    expect({ path, status: answer.status }).toEqual({ path, status });
    return answer.body;
  };
  const activity = await community(
    'POST',
    '/activities',
    {
      providerId: 'cultura-juventud-la-paz-este',
      kind: 'arts',
      title,
      municipalityCode: MUNICIPALITY,
      publicSpace: 'Casa de la cultura',
      schedule: 'sábados 9:00-11:00',
      startsOn: svDay(-40),
      capacity: 45,
      targetGroups: [],
      facilitators: ['demo-community-facilitator'],
    },
    201,
  );
  activityId = String(activity['id']);
  for (const [i, person] of people.entries()) {
    const participant = await community(
      'POST',
      '/participants',
      {
        origin: ORIGINS[i % ORIGINS.length],
        displayName: person.name,
        municipalityCode: MUNICIPALITY,
        consent: { formVersion: 'comunidad-2026-12', purposes: ['participation'] },
      },
      201,
    );
    person.id = String(participant['id']);
    await community(
      'POST',
      `/activities/${activityId}/participants`,
      { participantId: person.id, joinedOn: svDay(-40) },
      201,
    );
  }
  for (const offset of [-35, -28, -21, -14, -7]) {
    const session = await community(
      'POST',
      `/activities/${activityId}/sessions`,
      { heldOn: svDay(offset) },
      201,
    );
    await community(
      'POST',
      `/sessions/${String(session['id'])}/attendance`,
      {
        marks: people.map((person, i) => ({
          markId: randomUUID(),
          participantId: person.id,
          present: offset < -21 || (i !== COMES_BACK && i !== STAYS_AWAY),
        })),
      },
      200,
    );
  }
  db = new Client({ connectionString: testDatabaseUrl('community_inclusion', 'migrator') });
  await db.connect();
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/sessions/${sessionId}/attendance`))
      sent.push(...(request.postDataJSON() as { marks: typeof sent }).marks);
  });
}, 300_000);

afterAll(async () => {
  // Closed: later runs' facilitator lists stay short.
  if (activityId)
    await call(bed.community.url, 'PATCH', `/activities/${activityId}`, token, {
      open: false,
    });
  await db?.end();
  await bed.stop();
});

const status = (text: string | RegExp, timeout?: number) =>
  page
    .getByTestId('sync-status')
    .getByText(text)
    .waitFor(timeout ? { timeout } : {});

/** The phone's marks store as any page script reads it: how many, and whether any is in clear. */
const deviceMarks = () =>
  page.evaluate(
    () =>
      new Promise<{ marks: number; clear: number }>((resolve, reject) => {
        const open = indexedDB.open('reintegra-office');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('marks').objectStore('marks').getAll();
          read.onsuccess = () =>
            resolve({
              marks: read.result.length,
              clear: read.result.filter((r: object) => 'present' in r).length,
            });
        };
      }),
  );

const tapCame = (i: number, came: boolean) =>
  page.getByRole('radio', { name: came ? `${name(i)}: vino` : `${name(i)}: no vino` }).check();

describe('the community facilitator', () => {
  it('sees their activity and, in plain words, who stopped coming', async () => {
    await bed.login('facilitadora-la-paz-este');
    await page.getByRole('heading', { name: 'Mis actividades' }).waitFor();
    const card = page.getByTestId('activity').filter({ hasText: title });
    await card.getByText('40 de 45 cupos ocupados').waitFor();
    await card.getByText('Arte · Casa de la cultura · sábados 9:00-11:00').waitFor();
    await expectAccessible(page, 'my activities');
    await bed.shot('01-my-activities');
    await card.getByRole('link', { name: `Abrir la actividad ${title}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title }).waitFor();
    const dropOffs = page.getByTestId('drop-offs').getByRole('listitem');
    await dropOffs.first().waitFor();
    expect((await dropOffs.allTextContents()).sort()).toEqual(
      [COMES_BACK, STAYS_AWAY]
        .map((i) => `${name(i)} — Dejó de venir: faltó a las últimas 3 sesiones.`)
        .sort(),
    );
    await page.getByTestId('participation-summary').getByText('0 de 40').waitFor();
    await page
      .getByTestId('person')
      .filter({ hasText: name(5) })
      .getByText('Vino a 5 de 5 sesiones')
      .waitFor();
    await expectAccessible(page, 'activity');
    await bed.shot('02-activity');
  });

  it('takes the attendance of 40 on a phone without a network, through a reload', async () => {
    // Today's session, opened through the API as the phone would have.
    const today = await call(
      bed.community.url,
      'POST',
      `/activities/${activityId}/sessions`,
      token,
      { id: sessionId, heldOn: svDay(0) },
    );
    expect(today.status).toBe(201);
    await page.reload();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('link', { name: `Tomar asistencia de la sesión del ${svDay(0)}` }).click();
    await page.getByRole('heading', { name: `Asistencia del ${svDay(0)}` }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await bed.context.setOffline(true);
    await status(/^Sin conexión/);
    for (let i = 0; i < 20; i++) await tapCame(i, i !== STAYS_AWAY);
    await status('Sin conexión — 20 marcas en espera. Se enviarán al volver la conexión.');
    expect(await deviceMarks()).toEqual({ marks: 20, clear: 0 });

    await page.reload();
    await page.getByTestId('from-device').waitFor();
    await page.getByTestId('marked-count').getByText('20 de 40 personas marcadas.').waitFor();
    expect(
      await page.getByRole('radio', { name: `${name(STAYS_AWAY)}: no vino` }).isChecked(),
    ).toBe(true);
    // A correction: tapped "did not come", then "came"; still one mark for the person.
    await tapCame(20, false);
    await tapCame(20, true);
    // Two with the keyboard alone: Tab to the row, Space to mark.
    await page.getByRole('radio', { name: `${name(20)}: vino` }).focus();
    for (const i of [21, 22]) {
      await tabTo(page, `${name(i)}: vino`);
      await page.keyboard.press('Space');
    }
    for (let i = 23; i < 40; i++) await tapCame(i, true);
    await status('Sin conexión — 40 marcas en espera. Se enviarán al volver la conexión.');
    expect(await deviceMarks()).toEqual({ marks: 40, clear: 0 });
    expect(sent).toEqual([]);
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'attendance offline at 360 px');
    await bed.shot('03-attendance-offline-360px');
  });

  it('sends the 40 marks once each when the network is back; the standings follow', async () => {
    await bed.context.setOffline(false);
    await status('Todo enviado.', 60_000);
    const recorded = await db.query(
      `SELECT count(*)::int AS marks, count(DISTINCT participant_id)::int AS people,
              (count(*) FILTER (WHERE present))::int AS present
         FROM attendance WHERE session_id = $1`,
      [sessionId],
    );
    expect(recorded.rows[0]).toEqual({ marks: 40, people: 40, present: 39 });
    // Each person's mark went over the network once (the correction replaced the first tap).
    expect(sent).toHaveLength(40);
    expect(new Set(sent.map((mark) => mark.participantId)).size).toBe(40);
    await bed.shot('04-attendance-sent-360px');

    await page.getByRole('link', { name: 'Volver a la actividad' }).first().click();
    await page.getByTestId('participation-summary').getByText('38 de 40').waitFor();
    await page.getByTestId('drop-offs').waitFor();
    expect(await page.getByTestId('drop-offs').getByRole('listitem').allTextContents()).toEqual([
      `${name(STAYS_AWAY)} — Dejó de venir: faltó a las últimas 4 sesiones.`,
    ]);
    await page
      .getByTestId('person')
      .filter({ hasText: name(5) })
      .getByText('Participación sostenida')
      .waitFor();
    await page
      .getByTestId('sessions')
      .getByText(`${svDay(0)} · 39 vinieron`)
      .waitFor();
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'activity after sync at 360 px');
    await bed.shot('05-activity-after-sync-360px');
    // Another session today, opened from the screen: straight to its attendance, nobody marked.
    await page.getByRole('button', { name: 'Nueva sesión de hoy' }).click();
    await page.getByTestId('marked-count').getByText('0 de 40 personas marcadas.').waitFor();
    const sessions = await db.query(
      `SELECT count(*)::int AS n FROM sessions WHERE activity_id = $1`,
      [activityId],
    );
    expect(sessions.rows[0].n).toBe(7);
  });
  it('records a co-design proposal, the votes of the people taking part and the decision', async () => {
    await page.goto(`${bed.office.url}/#/community/${activityId}`);
    await page.getByRole('link', { name: 'Propuestas y votos' }).click();
    await page.getByRole('heading', { name: 'Co-diseño: propuestas y votos' }).waitFor();
    const proposal = 'Mural en la cancha';
    await page.getByLabel('Propuesta', { exact: true }).fill(proposal);
    await page.getByLabel('Descripción (opcional)').fill('Pintarlo juntos en dos sábados');
    await page.getByRole('button', { name: 'Guardar propuesta' }).click();
    await page.getByText(`Propuesta guardada: ${proposal}.`).waitFor();
    const voter = page.getByLabel(`Quién vota por «${proposal}»`);
    const record = async (i: number) => {
      await voter.selectOption({ label: name(i) });
      await page.getByRole('button', { name: 'Registrar voto' }).click();
    };
    for (const i of [3, 4]) {
      await record(i);
      await page.getByText(`Voto de ${name(i)} por «${proposal}» registrado.`).waitFor();
      // Recorded: the choice is cleared for the next person.
      await page.getByRole('button', { name: 'Registrar voto', disabled: true }).waitFor();
    }
    await record(3);
    // The same person twice: refused, in plain words.
    await page.getByText('Esta persona ya votó por esta propuesta.').waitFor();
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'co-design at 360 px');
    await bed.shot('06-co-design-360px');
    await page.getByRole('button', { name: `Adoptar «${proposal}»`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('proposal').getByText('2 votos · adoptada').waitFor();
    const votes = await db.query(
      `SELECT count(*)::int AS n FROM votes v JOIN proposals p ON p.id = v.proposal_id
        WHERE p.activity_id = $1 AND p.status = 'adopted'`,
      [activityId],
    );
    expect(votes.rows[0].n).toBe(2);
    await expectAccessible(page, 'co-design decided');
    await bed.shot('07-co-design-decided-360px');
  });
  it('keeps reflection notes of a sensitive session for the facilitators only, online', async () => {
    const sensitive = await call(
      bed.community.url,
      'POST',
      `/activities/${activityId}/sessions`,
      token,
      { heldOn: svDay(-2), sensitive: true },
    );
    expect(sensitive.status).toBe(201);
    const id = String(sensitive.body['id']);
    await page.goto(`${bed.office.url}/#/community/${activityId}/sessions/${id}`);
    await page.getByRole('heading', { name: 'Notas de reflexión' }).waitFor();
    await page.getByText('Todavía no hay notas.').waitFor();
    // An empty note is refused beside the field.
    await page.getByRole('button', { name: 'Guardar nota' }).click();
    await page.locator('.field.invalid #reflection-notes').waitFor();
    const note = 'El grupo habló del regreso; acordamos seguir con el mural.';
    await page.getByLabel('Nota de la sesión').fill(note);
    await page.getByRole('button', { name: 'Guardar nota' }).click();
    await page.getByTestId('reflection-note').getByText(note).waitFor();
    const stored = await db.query(
      `SELECT count(*)::int AS n FROM reflection_notes WHERE session_id = $1`,
      [id],
    );
    expect(stored.rows[0].n).toBe(1);
    // Nothing of it on the phone.
    expect(await deviceMarks()).toEqual({ marks: 40, clear: 0 });
    await expectFitsNarrowScreen(page);
    await expectAccessible(page, 'reflection notes at 360 px');
    await bed.shot('08-reflection-notes-360px');
    // Signing out forgets the sent marks, the kept activity and, nothing waiting, the key.
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('heading', { name: 'Ingreso a la oficina' }).waitFor();
    expect(await deviceMarks()).toEqual({ marks: 0, clear: 0 });
    expect(
      await page.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            const open = indexedDB.open('reintegra-office');
            open.onsuccess = () => {
              const tx = open.result.transaction(['activities', 'keys']);
              const kept = tx.objectStore('activities').count();
              const keys = tx.objectStore('keys').count();
              tx.oncomplete = () => resolve([kept.result, keys.result]);
            };
          }),
      ),
    ).toEqual([0, 0]);
  });
});
