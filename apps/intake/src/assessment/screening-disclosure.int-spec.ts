import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testToken } from '@reintegra/testing';
import { startIntakeForTest } from '../testing/intake-test-bed';
import {
  call,
  MUNICIPALITY,
  november2026Answers,
  registerCase,
  SCREENING_ITEMS,
} from '../testing/assessment-fixtures';

/**
 * The violence screening leaves intake only to the victims' office of the case's municipality, by
 * the pseudonymous reference, with consent; every request is logged, refused ones too.
 */
const OTHER_MUNICIPALITY = 'SV-SS-SAN-SALVADOR-CENTRO';
let app: INestApplication;
let url: string;
let dataSource: DataSource;
let officer: string;

type Json = Record<string, unknown>;
const post = (path: string, body: unknown, token = officer) =>
  call<Json>(url, 'POST', path, token, body);
const get = <T = Json>(path: string, token = officer) => call<T>(url, 'GET', path, token);

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  ({ app, url } = await startIntakeForTest());
  dataSource = app.get(DataSource);
});

afterAll(async () => {
  await app?.close();
});

describe('screening disclosure to victim support', () => {
  let caseId: string;
  let reference: string;
  let counsellor: string;

  const disclosures = async () =>
    (await dataSource.query(
      `SELECT outcome, screenings, requested_by FROM screening_disclosures WHERE reference = $1 ORDER BY requested_at`,
      [reference],
    )) as Array<{ outcome: string; screenings: number; requested_by: string }>;

  beforeAll(async () => {
    counsellor = await testToken({
      roles: ['victim-support-counsellor'],
      municipalityCode: MUNICIPALITY,
    });
    caseId = await registerCase(url, officer);
    await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: november2026Answers,
    });
    await post(`/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope: 'victim-support',
      formVersion: 'CONS-VS-1',
    });
    const referral = await post(`/cases/${caseId}/victim-support-referrals`, {
      priority: 'urgent',
      requestedServices: ['psychological'],
    });
    expect(referral.status).toBe(201);
    [{ reference }] = await dataSource.query(
      `SELECT reference FROM victim_support_referrals WHERE case_id = $1`,
      [caseId],
    );
  });

  it('discloses the screening answers by reference while consent is active, and logs it', async () => {
    const disclosed = await get<{ screenings: Array<Json> }>(
      `/victim-support-referrals/${reference}/screening`,
      counsellor,
    );
    expect(disclosed.status).toBe(200);
    expect(disclosed.text).not.toContain(caseId);
    expect(disclosed.body.screenings).toHaveLength(1);
    const [screening] = disclosed.body.screenings;
    expect(screening).toMatchObject({
      questionnaireVersion: '2026-11',
      suggestsVictimSupport: true,
    });
    expect(screening['answers']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          itemId: 'violence-at-home',
          answer: 'yes',
          answerLabels: [{ es: 'Sí', en: 'Yes' }],
        }),
      ]),
    );
    expect((screening['answers'] as Json[]).map((a) => a['itemId'])).toEqual(SCREENING_ITEMS);
    expect(await disclosures()).toEqual([
      { outcome: 'disclosed', screenings: 1, requested_by: expect.stringMatching(/^user:/) },
    ]);
  });

  it('refuses, and logs the refusal, once the consent is withdrawn', async () => {
    const consents = await get<Array<{ id: string; scope: string }>>(`/cases/${caseId}/consents`);
    const consent = consents.body.find((c) => c.scope === 'victim-support');
    expect(
      (await post(`/cases/${caseId}/consents/${consent?.id}/withdrawal`, undefined)).status,
    ).toBe(200);
    const refused = await get(`/victim-support-referrals/${reference}/screening`, counsellor);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'screening.consent-missing' });
    for (const item of SCREENING_ITEMS) expect(refused.text).not.toContain(item);
    expect((await disclosures()).map((d) => d.outcome)).toEqual([
      'disclosed',
      'refused-no-consent',
    ]);
  });

  it('404s an unknown reference and logs that too', async () => {
    const unknown = randomUUID();
    const response = await get(`/victim-support-referrals/${unknown}/screening`, counsellor);
    expect(response.status).toBe(404);
    const [logged] = await dataSource.query(
      `SELECT outcome, case_id FROM screening_disclosures WHERE reference = $1`,
      [unknown],
    );
    expect(logged).toEqual({ outcome: 'unknown-reference', case_id: null });
  });

  it.each(['victim-support-counsellor', 'victim-support-supervisor'] as const)(
    'refuses the %s of another municipality, disclosing nothing, and logs the refusal',
    async (role) => {
      const before = (await disclosures()).length;
      const foreign = await testToken({ roles: [role], municipalityCode: OTHER_MUNICIPALITY });
      const refused = await get(`/victim-support-referrals/${reference}/screening`, foreign);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'auth.outside-municipality' });
      for (const item of SCREENING_ITEMS) expect(refused.text).not.toContain(item);
      const logged = await disclosures();
      expect(logged).toHaveLength(before + 1);
      expect(logged.at(-1)).toMatchObject({
        outcome: 'refused-outside-municipality',
        screenings: 0,
      });
    },
  );

  it('keeps the disclosure log append-only for the service', async () => {
    await expect(
      dataSource.query(`DELETE FROM screening_disclosures WHERE reference = $1`, [reference]),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('who may call the screening route', () => {
  it.each(['intake-officer', 'supervisor', 'national-supervisor', 'admin'] as const)(
    'the screening route is victim support’s alone: %s → 403',
    async (role) => {
      const response = await get(
        `/victim-support-referrals/${randomUUID()}/screening`,
        await testToken({ roles: [role], municipalityCode: MUNICIPALITY }),
      );
      expect(response.status).toBe(403);
    },
  );
});
