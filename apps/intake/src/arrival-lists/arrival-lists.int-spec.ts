import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { arrivalListCsv, generateArrivalList, type ArrivalRow } from '@reintegra/demo-data';
import { testToken } from '@reintegra/testing';
import { startIntakeForTest } from '../testing/intake-test-bed';

const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let app: INestApplication;
let url: string;
let officer: string;
let national: string;

interface ListView {
  id: string;
  status: string;
  rowsTotal: number;
  rowsProcessed: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: Array<{ row: number; field: string; message: string }>;
  links: { self: string; entries: string };
}

/** A manifest of this run only: its own trip number (natural keys and content differ per run). */
const manifest = (size: number, overrides: Partial<ArrivalRow> = {}) =>
  generateArrivalList({
    seed: randomUUID(),
    arrivalDate: yesterday,
    size,
    tripNumber: `T${randomUUID().slice(0, 8).toUpperCase()}`,
  }).map((row) => ({ ...row, ...overrides }));

const upload = (body: string, contentType: string, authorization = officer, language = 'es') =>
  fetch(`${url}/arrival-lists`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization, 'accept-language': language },
    body,
  });

const get = async <T>(path: string, authorization = officer, language = 'es') => {
  const response = await fetch(`${url}${path}`, {
    headers: { authorization, 'accept-language': language },
  });
  return { status: response.status, body: (await response.json()) as T };
};

const db = () => app.get(DataSource);
const nth = <T>(items: readonly T[], index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
};
const count = async (sql: string, params: unknown[]) =>
  ((await db().query(sql, params)) as Array<{ n: number }>)[0]?.n;

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ_ESTE });
  national = await testToken({ roles: ['national-supervisor'] });
  ({ app, url } = await startIntakeForTest());
});

afterAll(async () => {
  await app?.close();
});

describe('importing an arrival list', () => {
  it('keeps the good rows and reports each bad one by row, field and language', async () => {
    const rows: ArrivalRow[] = manifest(20, {
      transport: 'flight',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    });
    rows[2] = { ...nth(rows, 2), gender: 'x' };
    rows[6] = { ...nth(rows, 6), dui: '00016297-4' }; // wrong check digit
    rows[9] = { ...nth(rows, 9), receptionPoint: 'frontera-la-hachadura' }; // a flight at a land border
    rows[11] = { ...nth(rows, 11), lastNames: '' };
    const lines = arrivalListCsv(rows).split('\n');
    lines[15] = `${lines[15]},extra`; // row 15: one cell too many
    const csv = lines.join('\n');

    const response = await upload(csv, 'text/csv');
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toMatch(/^\/arrival-lists\/[0-9a-f-]{36}$/);
    const list = (await response.json()) as ListView;
    expect(list).toMatchObject({
      status: 'completed',
      rowsTotal: 20,
      rowsProcessed: 20,
      accepted: 15,
      rejected: 5,
      duplicates: 0,
    });
    expect(list.errors.map(({ row, field }) => ({ row, field }))).toEqual([
      { row: 3, field: 'gender' },
      { row: 7, field: 'dui' },
      { row: 10, field: 'receptionPoint' },
      { row: 12, field: 'lastNames' },
      { row: 15, field: '' },
    ]);
    expect(list.errors[1]?.message).toContain('DUI no válido');
    const english = await get<ListView>(list.links.self, officer, 'en');
    expect(english.body.errors[1]?.message).toContain('Invalid DUI');
    expect(
      await count('SELECT count(*)::int AS n FROM arrival_entries WHERE list_id = $1', [list.id]),
    ).toBe(15);
  });

  it('imports the same file once: again, it answers the same import and writes nothing', async () => {
    const rows = manifest(30);
    const csv = arrivalListCsv(rows);
    const first = await upload(csv, 'text/csv');
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as ListView;

    const again = await upload(csv.replace(/\n/g, '\r\n'), 'text/csv'); // same file, Windows line ends
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`/arrival-lists/${id}`);
    expect(((await again.json()) as ListView).id).toBe(id);
    expect(
      await count('SELECT count(*)::int AS n FROM arrival_entries WHERE list_id = $1', [id]),
    ).toBe(30);

    // The same people in another file (JSON, with one more person) are not listed twice.
    const extended = [...rows, ...manifest(1, { tripNumber: nth(rows, 0).tripNumber })];
    const json = await upload(JSON.stringify({ rows: extended }), 'application/json');
    expect(json.status).toBe(201);
    expect(await json.json()).toMatchObject({ accepted: 1, duplicates: 30, rejected: 0 });
    expect(
      await count('SELECT count(*)::int AS n FROM arrival_entries WHERE trip_number = $1', [
        nth(rows, 0).tripNumber,
      ]),
    ).toBe(31);
  });

  it('processes a 5,000-row file in batches after answering 202, with progress to poll', async () => {
    const csv = arrivalListCsv(manifest(5000, { municipalityCode: LA_PAZ_ESTE }));
    expect(Buffer.byteLength(csv)).toBeGreaterThan(256 * 1024); // above the ordinary body limit
    const response = await upload(csv, 'text/csv', national);
    expect(response.status).toBe(202);
    const location = response.headers.get('location') as string;
    const accepted = (await response.json()) as ListView;
    expect(accepted).toMatchObject({ status: 'processing', rowsTotal: 5000 });

    const progress: number[] = [accepted.rowsProcessed];
    let view = accepted;
    const deadline = Date.now() + 60_000;
    while (view.status !== 'completed') {
      if (Date.now() > deadline) throw new Error(`not completed: ${JSON.stringify(progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = (await get<ListView>(location, national)).body;
      progress.push(view.rowsProcessed);
    }
    expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes back
    expect(progress.some((n) => n > 0 && n < 5000)).toBe(true); // seen part-way
    expect(view).toMatchObject({ rowsProcessed: 5000, accepted: 5000, rejected: 0 });
    expect(await db().query('SELECT source FROM arrival_lists WHERE id = $1', [view.id])).toEqual([
      { source: null },
    ]); // the uploaded file is not kept once processed

    // Entries page by row, 100 at a time.
    const first = await get<{ items: Array<{ row: number }>; links: { next?: string } }>(
      `${view.links.entries}?limit=100`,
    );
    expect(first.body.items.map((item) => item.row)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    const second = await get<{ items: Array<{ row: number }> }>(first.body.links.next as string);
    expect(second.body.items[0]?.row).toBe(101);
  });

  it('rejects a file that cannot be read as a whole with 400, writing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM arrival_lists', []);
    const badHeader = arrivalListCsv(manifest(3)).replace('firstNames', 'fristNames');
    const header = await upload(badHeader, 'text/csv');
    expect(header.status).toBe(400);
    expect(await header.json()).toMatchObject({
      errors: [
        expect.objectContaining({
          field: 'header',
          message: expect.stringContaining('fristNames'),
        }),
      ],
    });
    expect((await upload('transport,tripNumber\n', 'text/csv')).status).toBe(400);
    expect((await upload(JSON.stringify({ rows: [] }), 'application/json')).status).toBe(400);
    expect((await upload('hello', 'text/plain')).status).toBe(415);
    expect(await count('SELECT count(*)::int AS n FROM arrival_lists', [])).toBe(before);
  });
});

describe('arrival lists and registration', () => {
  it('registers a person from their entry once, marking the entry registered', async () => {
    const row = nth(manifest(1, { municipalityCode: LA_PAZ_ESTE }), 0);
    const imported = (await (await upload(arrivalListCsv([row]), 'text/csv')).json()) as ListView;
    const entries = await get<{ items: Array<{ id: string; status: string }> }>(
      imported.links.entries,
    );
    const entryId = nth(entries.body.items, 0).id;
    const registration = {
      firstNames: row.firstNames,
      lastNames: `${row.lastNames} ${randomUUID().slice(0, 6)}`,
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
      returnDate: row.arrivalDate,
      countryReturnedFrom: row.countryReturnedFrom,
      receptionPoint: row.receptionPoint,
      municipalityCode: LA_PAZ_ESTE,
      confirmedNewPerson: true,
      arrivalEntryId: entryId,
    };
    const register = (body: unknown) =>
      fetch(`${url}/returnees`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: officer },
        body: JSON.stringify(body),
      });
    const created = await register(registration);
    expect(created.status).toBe(201);
    const { returneeId } = (await created.json()) as { returneeId: string };
    const after = await get<{ items: Array<{ status: string; returneeId: string }> }>(
      `${imported.links.entries}?status=registered`,
    );
    expect(after.body.items).toEqual([
      expect.objectContaining({ status: 'registered', returneeId }),
    ]);

    const people = await count('SELECT count(*)::int AS n FROM returnees', []);
    const twice = await register({ ...registration, lastNames: `${registration.lastNames} b` });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({
      code: 'arrival-entry.already-registered',
      existing: `/returnees/${returneeId}`,
    });
    const unknown = await register({ ...registration, arrivalEntryId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      errors: [expect.objectContaining({ field: 'arrivalEntryId' })],
    });
    expect(await count('SELECT count(*)::int AS n FROM returnees', [])).toBe(people);
  });
});

describe('access to arrival lists', () => {
  it('lets supervisors read but not import, and keeps other roles out', async () => {
    const csv = arrivalListCsv(manifest(2));
    const supervisor = await testToken({ roles: ['supervisor'], municipalityCode: LA_PAZ_ESTE });
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: LA_PAZ_ESTE,
    });
    expect((await upload(csv, 'text/csv', supervisor)).status).toBe(403);
    expect((await upload(csv, 'text/csv', caseworker)).status).toBe(403);
    const imported = (await (await upload(csv, 'text/csv')).json()) as ListView;
    expect((await get(imported.links.self, supervisor)).status).toBe(200);
    expect((await get(imported.links.self, caseworker)).status).toBe(403);
    expect((await get(imported.links.entries, caseworker)).status).toBe(403);
    expect((await get(`/arrival-lists/${randomUUID()}`)).status).toBe(404);
  });

  it('shows municipal staff the entries of their municipality and the unassigned ones', async () => {
    const rows = manifest(3);
    const csv = arrivalListCsv([
      { ...nth(rows, 0), municipalityCode: LA_PAZ_ESTE },
      { ...nth(rows, 1), municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO' },
      { ...nth(rows, 2), municipalityCode: undefined },
    ]);
    const imported = (await (await upload(csv, 'text/csv', national)).json()) as ListView;
    const mine = await get<{ items: Array<{ row: number }> }>(imported.links.entries);
    expect(mine.body.items.map((item) => item.row)).toEqual([1, 3]);
    const all = await get<{ items: Array<{ row: number }> }>(imported.links.entries, national);
    expect(all.body.items.map((item) => item.row)).toEqual([1, 2, 3]);
  });

  it("lists a day's trips with the people each caller may register, and refuses a bad date", async () => {
    const rows = manifest(3);
    const trip = nth(rows, 0).tripNumber;
    const csv = arrivalListCsv([
      { ...nth(rows, 0), municipalityCode: LA_PAZ_ESTE },
      { ...nth(rows, 1), municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO' },
      { ...nth(rows, 2), municipalityCode: undefined },
    ]);
    const imported = (await (await upload(csv, 'text/csv', national)).json()) as ListView;
    type Trip = { listId: string; tripNumber: string; pending: number; registered: number };
    const path = `/arrival-lists?arrivalDate=${yesterday}&tripNumber=${trip}`;
    const mine = await get<Trip[]>(path);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({ listId: imported.id, tripNumber: trip, pending: 2, registered: 0 }),
    ]);
    const all = await get<Trip[]>(path, national);
    expect(all.body).toEqual([expect.objectContaining({ listId: imported.id, pending: 3 })]);
    const otherDay = await get<Trip[]>(`/arrival-lists?arrivalDate=2001-01-01&tripNumber=${trip}`);
    expect(otherDay.body).toEqual([]);
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: LA_PAZ_ESTE,
    });
    expect((await get(path, caseworker)).status).toBe(403);
    const bad = await get<{ errors: Array<{ field: string }> }>('/arrival-lists?arrivalDate=ayer');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field)).toEqual(['arrivalDate']);
  });
});
