import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testToken } from '@reintegra/testing';
import { freshDui, startIntakeForTest } from '../testing/intake-test-bed';

let app: INestApplication;
let url: string;
let officer: string;

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  ({ app, url } = await startIntakeForTest());
});

afterAll(async () => {
  await app?.close();
});

async function registerSomeone(): Promise<string> {
  const response = await fetch(`${url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: officer },
    body: JSON.stringify({
      dui: freshDui(),
      firstNames: `Corrección ${randomUUID().slice(0, 8)}`,
      lastNames: 'Alvarado',
      dateOfBirth: '1988-02-14',
      gender: 'male',
      contact: { phone: '+503 7000-1111', email: 'persona@example.org' },
      returnDate: '2026-11-02',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      confirmedNewPerson: true,
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { returneeId: string }).returneeId;
}

const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/returnees/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: officer, ...headers },
    body: JSON.stringify(body),
  });

const stored = async (id: string) =>
  (
    await app
      .get(DataSource)
      .query(
        'SELECT first_names, last_names, gender, phone, email, version FROM returnees WHERE id = $1',
        [id],
      )
  )[0] as Record<string, unknown>;

describe('PATCH /returnees/:id', () => {
  it('corrects names with the current ETag and answers the new record and ETag', async () => {
    const id = await registerSomeone();
    const response = await patch(
      id,
      { firstNames: 'José Luis', lastNames: 'Alvarado Pérez', contact: { email: null } },
      { 'if-match': '"1"' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(await response.json()).toMatchObject({
      returneeId: id,
      firstNames: 'José Luis',
      lastNames: 'Alvarado Pérez',
      gender: 'male',
      contact: { phone: '+503 7000-1111', email: null },
      version: 2,
    });
    expect(await stored(id)).toMatchObject({
      first_names: 'José Luis',
      phone: '+503 7000-1111',
      email: null,
      version: 2,
    });
  });

  it('answers 428 without If-Match and 412 with a stale one, changing nothing', async () => {
    const id = await registerSomeone();
    const before = await stored(id);
    const missing = await patch(id, { gender: 'other' });
    expect(missing.status).toBe(428);
    expect(await missing.json()).toMatchObject({ code: 'request.if-match-required' });
    const stale = await patch(id, { gender: 'other' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(await stale.json()).toMatchObject({ code: 'request.stale', currentETag: '"1"' });
    expect(await stored(id)).toEqual(before);
  });

  it('answers the version as a strong ETag on GET, usable as If-Match; weak and * are refused', async () => {
    const id = await registerSomeone();
    const read = await fetch(`${url}/returnees/${id}`, { headers: { authorization: officer } });
    const etag = read.headers.get('etag');
    expect(etag).toBe('"1"');
    expect(await read.json()).toMatchObject({ id, version: 1 });
    const before = await stored(id);
    const weak = await patch(id, { gender: 'other' }, { 'if-match': `W/${etag}` });
    expect(weak.status).toBe(412);
    const blind = await patch(id, { gender: 'other' }, { 'if-match': '*' });
    expect(blind.status).toBe(428);
    expect(await stored(id)).toEqual(before);
    const updated = await patch(id, { gender: 'other' }, { 'if-match': etag ?? '' });
    expect(updated.status).toBe(200);
  });

  it('lets exactly one of two simultaneous corrections of the same version through', async () => {
    const id = await registerSomeone();
    const responses = await Promise.all([
      patch(id, { lastNames: 'Uno' }, { 'if-match': '"1"' }),
      patch(id, { lastNames: 'Dos' }, { 'if-match': '"1"' }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await stored(id))['version']).toBe(2);
  });

  it('answers 400 naming the field for invalid corrections, changing nothing', async () => {
    const id = await registerSomeone();
    const before = await stored(id);
    for (const [body, field] of [
      [{}, ''],
      [{ gender: 'unknown' }, 'gender'],
      [{ firstNames: '' }, 'firstNames'],
      [{ contact: { phone: 'abc' } }, 'contact.phone'],
      [{ dateOfBirth: '1990-01-01' }, ''],
    ] as const) {
      const response = await patch(id, body, { 'if-match': '"1"' });
      expect(response.status).toBe(400);
      expect((await response.json()) as { errors: unknown[] }).toMatchObject({
        errors: expect.arrayContaining([expect.objectContaining({ field })]),
      });
    }
    expect(await stored(id)).toEqual(before);
  });

  it('answers 404 for an unknown person and 403 outside the municipality or role', async () => {
    expect((await patch(randomUUID(), { gender: 'other' }, { 'if-match': '"1"' })).status).toBe(
      404,
    );
    const id = await registerSomeone();
    const elsewhere = await testToken({
      roles: ['intake-officer'],
      municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
    });
    const outside = await patch(
      id,
      { gender: 'other' },
      { 'if-match': '"1"', authorization: elsewhere },
    );
    expect(outside.status).toBe(403);
    const caseworker = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    });
    const wrongRole = await patch(
      id,
      { gender: 'other' },
      { 'if-match': '"1"', authorization: caseworker },
    );
    expect(wrongRole.status).toBe(403);
    expect((await stored(id))['version']).toBe(1);
  });
});
