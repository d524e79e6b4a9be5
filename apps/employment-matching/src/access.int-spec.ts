import { randomUUID } from 'node:crypto';
import { consentGrantedV1, referralStatusChangedV1 } from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import { readyCandidate, WEEKDAYS } from './testing/candidate-setup';
import {
  EmploymentTestBed,
  type Json,
  LA_PAZ_ESTE,
  SAN_SALVADOR_CENTRO,
} from './testing/employment-matching-test-bed';

/**
 * Need-to-know per role: caseworkers see the candidates referred to their office (or living in
 * their municipality); an employer sees only its own vacancies and the proposals made to them,
 * with a name only under partner-sharing consent; other roles get nothing.
 */
const bed = new EmploymentTestBed();
const run = randomUUID().slice(0, 8);
const officeA = `oficina-a-${run}`;
const officeB = `oficina-b-${run}`;
const employer1 = `empresa-1-${run}`;
const employer2 = `empresa-2-${run}`;
const t: Record<string, string> = {};

const as = (
  who: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => bed.call(method, path, t[who], body, headers);

let caseId: string;
let referralId: string;
let consentIds: Record<string, string>;
let vacancyId: string;
let placementId: string;

beforeAll(async () => {
  await bed.start();
  t['caseworkerA'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: LA_PAZ_ESTE,
    organisationId: officeA,
  });
  t['caseworkerB'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: SAN_SALVADOR_CENTRO,
    organisationId: officeB,
  });
  // Office A's caseworker as its organisation alone (no municipality): exactly its referrals.
  t['officeA'] = await testToken({ roles: ['employment-caseworker'], organisationId: officeA });
  t['caseworkerHere'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: LA_PAZ_ESTE,
  });
  t['supervisor'] = await testToken({ roles: ['supervisor'], municipalityCode: LA_PAZ_ESTE });
  t['supervisorElsewhere'] = await testToken({
    roles: ['supervisor'],
    municipalityCode: SAN_SALVADOR_CENTRO,
  });
  t['national'] = await testToken({ roles: ['national-supervisor'] });
  t['intake'] = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ_ESTE });
  t['employer1'] = await testToken({ roles: ['partner'], organisationId: employer1 });
  t['employer2'] = await testToken({ roles: ['partner'], organisationId: employer2 });
  for (const who of ['employer1', 'employer2']) {
    expect(
      (await as(who, 'POST', '/employers', { name: who, municipalityCode: LA_PAZ_ESTE })).status,
    ).toBe(201);
  }
  ({ caseId, referralId, consentIds } = await readyCandidate(
    bed,
    t['caseworkerA'] as string,
    { providerIds: [officeA] },
    { displayName: 'Ana R.', contactPhone: '+503 7111-2222' },
  ));
  const vacancy = await as('employer1', 'POST', '/vacancies', {
    title: 'Tablaroca',
    iscoCode: '7123',
    requiredSkills: ['tablaroca'],
    municipalityCode: LA_PAZ_ESTE,
    schedule: WEEKDAYS,
    posts: 2,
  });
  vacancyId = vacancy.body['id'] as string;
  const proposed = await as('caseworkerA', 'POST', '/placements', { vacancyId, caseId });
  expect(proposed.status).toBe(201);
  placementId = proposed.body['id'] as string;
}, 150_000);

afterAll(() => bed.stop());

describe('API document', () => {
  it('is public at /docs/openapi.json and shows each route with its body and roles', async () => {
    const response = await fetch(`${bed.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; 'x-roles'?: string[] }>>;
    };
    const post = (path: string) => document.paths[path]?.['post'];
    expect(post('/placements')?.requestBody).toBeDefined();
    expect(post('/placements/{id}/hire')?.['x-roles']).toEqual(
      expect.arrayContaining(['partner', 'employment-caseworker']),
    );
    expect(document.paths['/candidates/{caseId}/profile']?.['put']?.requestBody).toBeDefined();
    expect(document.paths['/vacancies/{id}/matches']?.['get']).toBeDefined();
  });
});

describe('candidates', () => {
  it.each([
    ['no token', undefined, 401],
    ['an intake officer', 'intake', 403],
    ['an employer', 'employer1', 403],
    ["another office's caseworker in another municipality", 'caseworkerB', 404],
    ['a supervisor of another municipality', 'supervisorElsewhere', 404],
    ['the office that received the referral', 'caseworkerA', 200],
    ['a caseworker of the municipality', 'caseworkerHere', 200],
    ['the municipal supervisor', 'supervisor', 200],
    ['the national supervisor', 'national', 200],
  ])('gives %s (token %s) HTTP %i for a candidate', async (_label, who, status) => {
    const response = await bed.call('GET', `/candidates/${caseId}`, who ? t[who] : undefined);
    expect(response.status).toBe(status);
  });

  it('lists only the candidates in scope', async () => {
    const listed = async (who: string) =>
      ((await as(who, 'GET', '/candidates')).body as unknown as Json[]).map((c) => c['caseId']);
    expect(await listed('caseworkerA')).toContain(caseId);
    expect(await listed('caseworkerB')).not.toContain(caseId);
    expect(await listed('supervisorElsewhere')).not.toContain(caseId);
  });

  it('lets only the office work with the person: supervisors read, others do not see', async () => {
    const etag =
      (await as('caseworkerA', 'GET', `/candidates/${caseId}`)).headers.get('etag') ?? '';
    const profile = { occupations: [{ iscoCode: '7123' }], availability: WEEKDAYS };
    expect(
      (
        await as('caseworkerB', 'PUT', `/candidates/${caseId}/profile`, profile, {
          'if-match': etag,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await as('supervisor', 'PUT', `/candidates/${caseId}/profile`, profile, {
          'if-match': etag,
        })
      ).status,
    ).toBe(403);
    expect((await as('caseworkerB', 'GET', `/candidates/${caseId}/matches`)).status).toBe(404);
    expect((await as('supervisor', 'GET', `/candidates/${caseId}/matches`)).status).toBe(200);
    // Answering a referral is for the office it names.
    expect(
      (
        await as('caseworkerB', 'POST', `/referrals/${referralId}/decline`, {
          reasonCode: 'out-of-area',
        })
      ).status,
    ).toBe(404);
    const notAddressed = await as('caseworkerHere', 'POST', `/referrals/${referralId}/decline`, {
      reasonCode: 'out-of-area',
    });
    expect(notAddressed.body).toMatchObject({ status: 403, code: 'referral.not-addressed' });
  });

  it("ranks for a vacancy only the caller's own candidates; employers cannot rank people", async () => {
    const forA = (await as('officeA', 'GET', `/vacancies/${vacancyId}/matches?limit=100`))
      .body as unknown as Json[];
    expect(forA.map((c) => c['caseId'])).toContain(caseId);
    const forB = (await as('caseworkerB', 'GET', `/vacancies/${vacancyId}/matches?limit=100`))
      .body as unknown as Json[];
    expect(forB.map((c) => c['caseId'])).not.toContain(caseId);
    expect((await as('employer1', 'GET', `/vacancies/${vacancyId}/matches`)).status).toBe(403);
  });
});

describe('employers', () => {
  it("sees its own vacancies only; another employer's are unknown to it", async () => {
    expect((await as('employer1', 'GET', `/vacancies/${vacancyId}`)).status).toBe(200);
    expect((await as('employer2', 'GET', `/vacancies/${vacancyId}`)).status).toBe(404);
    const etag =
      (await as('employer1', 'GET', `/vacancies/${vacancyId}`)).headers.get('etag') ?? '';
    expect(
      (
        await as(
          'employer2',
          'PATCH',
          `/vacancies/${vacancyId}`,
          { posts: 3 },
          { 'if-match': etag },
        )
      ).status,
    ).toBe(404);
    const listed = (await as('employer2', 'GET', '/vacancies')).body as unknown as Json[];
    expect(listed.map((v) => v['id'])).not.toContain(vacancyId);
    expect((await as('employer2', 'GET', `/placements/${placementId}`)).status).toBe(404);
    expect(
      ((await as('employer2', 'GET', '/placements')).body as unknown as Json[]).map((p) => p['id']),
    ).not.toContain(placementId);
    // Posting as someone else is refused.
    const posing = await as('employer2', 'POST', '/vacancies', {
      employerId: employer1,
      title: 'x',
      iscoCode: '7123',
      municipalityCode: LA_PAZ_ESTE,
      schedule: WEEKDAYS,
      posts: 1,
    });
    expect(posing.body).toMatchObject({ status: 403, code: 'employer.not-yours' });
  });

  it('sees a pseudonymous code and the explanation, the name only while sharing consent holds', async () => {
    const withoutConsent = await as('employer1', 'GET', `/placements/${placementId}`);
    expect(withoutConsent.status).toBe(200);
    expect(withoutConsent.body).toMatchObject({
      candidate: { code: expect.stringMatching(/^C-/) },
      sharedWithConsent: false,
      explanation: { occupation: { level: 'same-occupation' } },
    });
    expect(withoutConsent.body['candidate']).not.toHaveProperty('displayName');
    expect(JSON.stringify(withoutConsent.body)).not.toContain('Ana R.');
    expect(withoutConsent.body).not.toHaveProperty('caseId');

    const sharing = randomUUID();
    await bed.send(consentGrantedV1, caseId, {
      consentId: sharing,
      caseId,
      purpose: 'partner-sharing',
      scope: 'employer',
      formVersion: 'v1',
      grantedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await as('employer1', 'GET', `/placements/${placementId}`)).body).toMatchObject({
        candidate: { displayName: 'Ana R.', contactPhone: '+503 7111-2222' },
        sharedWithConsent: true,
      }),
    );
    await bed.withdrawConsent(caseId, sharing, 'partner-sharing');
    await eventually(async () => {
      const view = await as('employer1', 'GET', `/placements/${placementId}`);
      expect(view.body).toMatchObject({ sharedWithConsent: false });
      expect(JSON.stringify(view.body)).not.toContain('Ana R.');
    });
  });
});

describe('withdrawing consent for the employment referral', () => {
  it('erases the name and skills profile, withdraws the proposals and ends the referral as not completed', async () => {
    await bed.withdrawConsent(caseId, consentIds['referral'] as string, 'service-referral');
    await eventually(async () => {
      const candidate = await as('caseworkerA', 'GET', `/candidates/${caseId}`);
      expect(candidate.body).toMatchObject({
        consentWithdrawn: true,
        open: false,
        displayName: null,
        contactPhone: null,
        occupations: [],
        skills: [],
        certifications: [],
        preferredMunicipalityCodes: [],
        availability: null,
      });
    });
    expect((await as('caseworkerA', 'GET', `/placements/${placementId}`)).body).toMatchObject({
      status: 'withdrawn',
      reasonCode: 'consent-withdrawn',
    });
    await eventually(() =>
      expect(
        bed
          .recorded<{
            referralId: string;
            status: string;
            reasonCode?: string;
          }>(referralStatusChangedV1.type, (data) => data.referralId === referralId)
          .map((e) => `${e.data.status}${e.data.reasonCode ? `:${e.data.reasonCode}` : ''}`),
      ).toEqual(['accepted', 'in-progress', 'not-completed:consent-withdrawn']),
    );
    // No longer proposed or ranked.
    const again = await as('caseworkerA', 'POST', '/placements', { vacancyId, caseId });
    expect(again.body).toMatchObject({ status: 422, code: 'candidate.closed' });
    const ranked = (await as('officeA', 'GET', `/vacancies/${vacancyId}/matches?limit=100`))
      .body as unknown as Json[];
    expect(ranked.map((c) => c['caseId'])).not.toContain(caseId);
  });
});
