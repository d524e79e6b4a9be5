import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testToken } from '@reintegra/testing';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';

const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
const SAN_SALVADOR_CENTRO = 'SV-SS-SAN-SALVADOR-CENTRO';

let app: INestApplication;
let url: string;
let national: string;
let officer: string;
/** Letters only, in every name of this run: searching for it isolates this run's people. */
const marker = Array.from({ length: 8 }, () =>
  String.fromCharCode(97 + Math.floor(Math.random() * 26)),
).join('');

/**
 * Returns of this run fall in a random month of 2000–2019, where no other test registers anyone,
 * so that lists without a text search see only this run's cases.
 */
const base = Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 7000) * 86_400_000;
const day = (offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

interface Person {
  returneeId: string;
  caseId: string;
  dui?: string;
}
const people: Record<string, Person> = {};

async function register(
  key: string,
  fields: {
    firstNames: string;
    municipalityCode: string;
    returnDate: string;
    dateOfBirth?: string;
  },
  dui: string | undefined = freshDui(),
) {
  const response = await fetch(`${url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: national },
    body: JSON.stringify({
      ...(dui ? { dui } : {}),
      lastNames: `Núñez ${marker}`,
      dateOfBirth: '1990-05-05',
      gender: 'female',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      confirmedNewPerson: true,
      ...fields,
    }),
  });
  expect(response.status).toBe(201);
  people[key] = { ...((await response.json()) as Person), dui };
}

const get = async (path: string, authorization = officer) => {
  const response = await fetch(`${url}${path}`, { headers: { authorization } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const ids = (body: Record<string, unknown>, key: 'returneeId' | 'caseId') =>
  (body['items'] as Array<Record<string, string>>).map((item) => item[key]);

beforeAll(async () => {
  national = await testToken({ roles: ['national-supervisor'] });
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ_ESTE });
  ({ app, url } = await startIntakeForTest());
  // Earlier runs' people (surname "Núñez <marker>") would fill the same lists: remove them.
  await app.get(DataSource).query(
    `WITH gone AS (SELECT id FROM returnees WHERE last_names ~ '^Núñez [a-z]{8}$'),
          episodes AS (DELETE FROM return_episodes WHERE returnee_id IN (SELECT id FROM gone))
     DELETE FROM returnees WHERE id IN (SELECT id FROM gone)`,
  );
  await register('ana', {
    firstNames: 'Ana',
    municipalityCode: LA_PAZ_ESTE,
    returnDate: day(0),
  });
  await register('bea', {
    firstNames: 'Beatriz',
    municipalityCode: LA_PAZ_ESTE,
    returnDate: day(0),
  });
  await register(
    'carla',
    {
      firstNames: 'Carla',
      municipalityCode: LA_PAZ_ESTE,
      returnDate: day(-9),
      dateOfBirth: day(-9 - 365 * 12), // a minor, without DUI
    },
    undefined,
  );
  await register('dora', {
    firstNames: 'José Dora',
    municipalityCode: LA_PAZ_ESTE,
    returnDate: day(-20),
  });
  await register('eva', {
    firstNames: 'Eva',
    municipalityCode: SAN_SALVADOR_CENTRO,
    returnDate: day(5),
  });
  // Dora returned again and now lives in San Salvador Centro: her latest case is there.
  const db = app.get(DataSource);
  const secondCase = randomUUID();
  await db.query(
    `INSERT INTO return_episodes (id, returnee_id, episode_number, return_date, country_returned_from,
       reception_point, municipality_code, minor, registered_at)
     VALUES ($1, $2, 2, $4, 'MX', 'frontera-la-hachadura', $3, false, now())`,
    [secondCase, people['dora']?.returneeId, SAN_SALVADOR_CENTRO, day(10)],
  );
  people['dora2'] = { returneeId: people['dora']?.returneeId as string, caseId: secondCase };
  await db.query(`UPDATE return_episodes SET status = 'assessed' WHERE id = $1`, [
    people['bea']?.caseId,
  ]);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /returnees', () => {
  it('lists people by their latest case, newest return first, id breaking ties', async () => {
    const { status, body } = await get(`/returnees?q=${marker}`, national);
    expect(status).toBe(200);
    const [first, ...rest] = ids(body, 'returneeId');
    expect(first).toBe(people['dora']?.returneeId); // latest return: day 10
    expect(rest.slice(0, 1)).toEqual([people['eva']?.returneeId]);
    expect(rest.slice(1, 3).sort()).toEqual(
      [people['ana']?.returneeId, people['bea']?.returneeId].sort(),
    );
    expect(rest.slice(3)).toEqual([people['carla']?.returneeId]);
    const items = body['items'] as Array<{
      latestCase: { caseId: string; municipalityCode: string };
    }>;
    expect(items[0]?.latestCase).toMatchObject({
      caseId: people['dora2']?.caseId,
      municipalityCode: SAN_SALVADOR_CENTRO,
    });
  });

  it('shows municipal staff only their municipality, whatever they ask', async () => {
    const own = await get(`/returnees?q=${marker}`);
    expect(ids(own.body, 'returneeId').sort()).toEqual(
      ['ana', 'bea', 'carla'].map((key) => people[key]?.returneeId).sort(),
    );
    const elsewhere = await get(`/returnees?q=${marker}&municipality=${SAN_SALVADOR_CENTRO}`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'auth.outside-municipality' });
    const nationalThere = await get(
      `/returnees?q=${marker}&municipality=${SAN_SALVADOR_CENTRO}`,
      national,
    );
    expect(ids(nationalThere.body, 'returneeId').sort()).toEqual(
      ['dora', 'eva'].map((key) => people[key]?.returneeId).sort(),
    );
  });

  it('pages with an opaque cursor in links.next, never repeating or skipping anyone', async () => {
    const seen: string[] = [];
    let next: string | undefined = `/returnees?q=${marker}&limit=2`;
    let pages = 0;
    while (next) {
      const { status, body } = await get(next, national);
      expect(status).toBe(200);
      seen.push(...ids(body, 'returneeId'));
      next = (body['links'] as { next?: string }).next;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const all = await get(`/returnees?q=${marker}`, national);
    expect(seen).toEqual(ids(all.body, 'returneeId'));
  });

  it('searches names with accents folded and small typos, and DUIs exactly or by prefix', async () => {
    const folded = await get(
      `/returnees?q=${encodeURIComponent(`jose nunez ${marker}`)}`,
      national,
    );
    expect(ids(folded.body, 'returneeId')).toEqual([people['dora']?.returneeId]);
    expect(folded.body['match']).toBe('words');
    // A misspelt ending, like Martines for Martínez.
    const typo = `${marker.slice(0, 7)}${marker[7] === 'z' ? 's' : 'z'}`;
    const typed = await get(`/returnees?q=${encodeURIComponent(`Núñez ${typo}`)}`, national);
    expect(typed.body['match']).toBe('similar'); // nobody had every word: close names instead
    expect(ids(typed.body, 'returneeId')).toEqual(
      expect.arrayContaining([people['ana']?.returneeId, people['eva']?.returneeId]),
    );
    const typedPage = await get(
      `/returnees?q=${encodeURIComponent(`Núñez ${typo}`)}&limit=1`,
      national,
    );
    expect((typedPage.body['links'] as { next: string }).next).toContain('match=similar');
    const exact = await get(`/returnees?q=${people['ana']?.dui}`, national);
    expect(ids(exact.body, 'returneeId')).toEqual([people['ana']?.returneeId]);
    const prefix = await get(`/returnees?q=${people['ana']?.dui?.slice(0, 6)}`, national);
    expect(ids(prefix.body, 'returneeId')).toContain(people['ana']?.returneeId);
  });

  it('filters by status and return date range of the latest case', async () => {
    const assessed = await get(`/returnees?q=${marker}&status=assessed`);
    expect(ids(assessed.body, 'returneeId')).toEqual([people['bea']?.returneeId]);
    const range = await get(
      `/returnees?q=${marker}&returnedFrom=${day(-9)}&returnedTo=${day(-1)}`,
      national,
    );
    expect(ids(range.body, 'returneeId')).toEqual([people['carla']?.returneeId]);
  });

  it.each([
    ['limit=500', 'limit'],
    ['limit=0', 'limit'],
    ['status=lost', 'status'],
    ['returnedFrom=2026-13-01', 'returnedFrom'],
    ['returnedFrom=2026-11-10&returnedTo=2026-11-01', 'returnedTo'],
    ['municipality=SV-XX-NOWHERE', 'municipality'],
    ['cursor=not-a-cursor', 'cursor'],
    ['q=a', 'q'],
  ])('answers 400 problem+json naming the field for %s', async (query, field) => {
    const { status, body } = await get(`/returnees?${query}`, national);
    expect(status).toBe(400);
    expect(body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses roles outside the municipal office', async () => {
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: LA_PAZ_ESTE,
    });
    expect((await get('/returnees', caseworker)).status).toBe(403);
    expect((await get('/cases', caseworker)).status).toBe(403);
    const supervisor = await testToken({ roles: ['supervisor'], municipalityCode: LA_PAZ_ESTE });
    expect((await get(`/returnees?q=${marker}`, supervisor)).status).toBe(200);
  });
});

describe('GET /cases', () => {
  it('lists every episode, filtered by minor, municipality and date, paged the same way', async () => {
    const mine = `/cases?returnedFrom=${day(-20)}&returnedTo=${day(10)}`;
    const { status, body } = await get(`${mine}&municipality=${LA_PAZ_ESTE}&limit=100`, national);
    expect(status).toBe(200);
    const caseIds = ids(body, 'caseId');
    expect(caseIds).toEqual(
      [people['ana'], people['bea']]
        .map((person) => person?.caseId as string)
        .sort()
        .reverse()
        .concat([people['carla']?.caseId as string, people['dora']?.caseId as string]),
    );
    const everywhere = await get(mine, national);
    expect(ids(everywhere.body, 'caseId')).toHaveLength(6); // Dora's two cases, Eva's

    const minors = await get(`/cases?minor=true&returnedFrom=${day(-9)}&returnedTo=${day(-9)}`);
    expect(ids(minors.body, 'caseId')).toContain(people['carla']?.caseId);
    expect((minors.body['items'] as Array<{ minor: boolean }>).every((item) => item.minor)).toBe(
      true,
    );

    const firstPage = await get(`${mine}&limit=1`);
    const next = (firstPage.body['links'] as { next: string }).next;
    expect(next).toContain(`returnedFrom=${day(-20)}`);
    const secondPage = await get(next);
    // Ana and Bea returned the same day: the id decides, and the cursor splits them exactly.
    expect([...ids(firstPage.body, 'caseId'), ...ids(secondPage.body, 'caseId')]).toEqual(
      caseIds.slice(0, 2),
    );
  });

  it('answers 400 naming the field for an invalid minor filter', async () => {
    const { status, body } = await get('/cases?minor=yes');
    expect(status).toBe(400);
    expect(body['errors']).toEqual([expect.objectContaining({ field: 'minor' })]);
  });
});
