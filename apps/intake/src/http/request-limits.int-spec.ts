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

const registration = (firstNames: string) => ({
  dui: freshDui(),
  firstNames,
  lastNames: 'Campos',
  dateOfBirth: '1992-08-09',
  gender: 'female',
  returnDate: '2026-11-19',
  countryReturnedFrom: 'US',
  receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
});

describe('request body limit', () => {
  it('answers 413 problem+json to a body over 256 kB and writes nothing', async () => {
    const marker = `Limite ${randomUUID().slice(0, 8)}`;
    const body = JSON.stringify({ ...registration(marker), padding: 'x'.repeat(300 * 1024) });
    const response = await fetch(`${url}/returnees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: officer },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 413, code: 'request.too-large' });
    const rows = await app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM returnees WHERE first_names = $1', [marker]);
    expect(rows[0].n).toBe(0);
  });

  it('still accepts an ordinary registration', async () => {
    const response = await fetch(`${url}/returnees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: officer },
      body: JSON.stringify(registration(`Limite ${randomUUID().slice(0, 8)}`)),
    });
    expect(response.status).toBe(201);
  });
});
