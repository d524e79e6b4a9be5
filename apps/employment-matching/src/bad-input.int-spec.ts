import { randomUUID } from 'node:crypto';
import { placementStatusChangedV1 } from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import { readyCandidate, WEEKDAYS } from './testing/candidate-setup';
import {
  EmploymentTestBed,
  isoDaysFromNow,
  type Json,
  LA_PAZ_ESTE,
  type Reply,
} from './testing/employment-matching-test-bed';

/**
 * Bad input is refused with a clear problem+json (Spanish first, English on request) and leaves
 * nothing half-written; concurrent requests for the last post or seat have exactly one winner.
 */
const bed = new EmploymentTestBed();
const run = randomUUID().slice(0, 8);
const office = `oficina-${run}`;
const employer = `empresa-${run}`;
const tokens: Record<string, string> = {};

const caseworker = bed.as(() => tokens['caseworker']);
const employerCall = bed.as(() => tokens['employer']);

const drywallJob = {
  title: 'Instalador de tablaroca',
  iscoCode: '7123',
  requiredSkills: ['tablaroca'],
  municipalityCode: LA_PAZ_ESTE,
  schedule: WEEKDAYS,
  posts: 1,
};

async function postVacancy(overrides: Json = {}): Promise<string> {
  const response = await employerCall('POST', '/vacancies', { ...drywallJob, ...overrides });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

/** Rows and events a rejected request must not leave behind. */
async function footprint() {
  const [row] = (await bed.db.query(
    `SELECT (SELECT count(*) FROM placements)::int AS placements,
            (SELECT count(*) FROM vacancies)::int AS vacancies,
            (SELECT count(*) FROM workshop_enrolments)::int AS enrolments,
            (SELECT count(*) FROM outbox_messages)::int AS outbox,
            (SELECT coalesce(sum(posts_filled), 0) FROM vacancies)::int AS filled,
            (SELECT coalesce(sum(version), 0) FROM candidates)::int AS "candidateVersions"`,
  )) as Json[];
  return row;
}

function expectProblem(response: Reply, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, code });
  expect(String(response.body['title']).length).toBeGreaterThan(0);
}

beforeAll(async () => {
  await bed.start();
  tokens['caseworker'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: LA_PAZ_ESTE,
    organisationId: office,
  });
  tokens['employer'] = await testToken({ roles: ['partner'], organisationId: employer });
  expect(
    (await employerCall('POST', '/employers', { name: 'Empresa', municipalityCode: LA_PAZ_ESTE }))
      .status,
  ).toBe(201);
}, 150_000);

afterAll(() => bed.stop());

describe('bad input is refused clearly, with nothing half-written', () => {
  let caseId: string;
  let openVacancy: string;
  let closedVacancy: string;
  let unacceptedCase: string;

  beforeAll(async () => {
    ({ caseId } = await readyCandidate(bed, tokens['caseworker'] as string, {
      providerIds: [office],
    }));
    openVacancy = await postVacancy({ posts: 5 });
    closedVacancy = await postVacancy();
    const etag =
      (await employerCall('GET', `/vacancies/${closedVacancy}`)).headers.get('etag') ?? '';
    await employerCall(
      'PATCH',
      `/vacancies/${closedVacancy}`,
      { open: false },
      { 'if-match': etag },
    );
    expect(
      (await caseworker('POST', '/placements', { vacancyId: openVacancy, caseId })).status,
    ).toBe(201);
    const referred = await bed.referReturnee({ providerIds: [office] });
    unacceptedCase = referred.caseId;
    await eventually(async () =>
      expect((await caseworker('GET', `/candidates/${unacceptedCase}`)).status).toBe(200),
    );
    const etag2 =
      (await caseworker('GET', `/candidates/${unacceptedCase}`)).headers.get('etag') ?? '';
    await caseworker(
      'PUT',
      `/candidates/${unacceptedCase}/profile`,
      { occupations: [{ iscoCode: '7123' }], availability: WEEKDAYS },
      { 'if-match': etag2 },
    );
  }, 120_000);

  it.each([
    [
      'an unknown occupation code in a profile',
      async () => {
        const etag = (await caseworker('GET', `/candidates/${caseId}`)).headers.get('etag') ?? '';
        return caseworker(
          'PUT',
          `/candidates/${caseId}/profile`,
          { occupations: [{ iscoCode: '9999' }], availability: WEEKDAYS },
          { 'if-match': etag },
        );
      },
      400,
      'request.invalid',
    ],
    [
      'an unknown occupation code in a vacancy',
      () => employerCall('POST', '/vacancies', { ...drywallJob, iscoCode: '1234' }),
      400,
      'request.invalid',
    ],
    [
      'a vacancy with zero posts',
      () => employerCall('POST', '/vacancies', { ...drywallJob, posts: 0 }),
      400,
      'request.invalid',
    ],
    [
      'a proposal to a closed vacancy',
      () => caseworker('POST', '/placements', { vacancyId: closedVacancy, caseId }),
      422,
      'vacancy.closed',
    ],
    [
      'a second live proposal of one person to one vacancy',
      () => caseworker('POST', '/placements', { vacancyId: openVacancy, caseId }),
      409,
      'placement.duplicate',
    ],
    [
      'a proposal before the referral is accepted',
      () => caseworker('POST', '/placements', { vacancyId: openVacancy, caseId: unacceptedCase }),
      422,
      'referral.not-accepted',
    ],
    [
      'a proposal to a vacancy that does not exist',
      () => caseworker('POST', '/placements', { vacancyId: randomUUID(), caseId }),
      404,
      'vacancy.not-found',
    ],
    [
      'a district outside the municipality',
      () =>
        employerCall('POST', '/vacancies', {
          ...drywallJob,
          districtCode: 'SV-SS-SAN-SALVADOR-CENTRO/SAN-SALVADOR',
        }),
      400,
      'request.invalid',
    ],
  ])('rejects %s', async (_label, attempt, status, code) => {
    const before = await footprint();
    const response = await attempt();
    expectProblem(response, status, code);
    expect(await footprint()).toEqual(before);
  });

  it('names the field and the reason, in Spanish by default and in English on request', async () => {
    const spanish = await employerCall('POST', '/vacancies', {
      ...drywallJob,
      posts: 0,
      iscoCode: '9999',
    });
    expect(spanish.body['errors']).toEqual(
      expect.arrayContaining([
        { field: 'posts', message: 'Una oferta necesita al menos una plaza.' },
        expect.objectContaining({
          field: 'iscoCode',
          message: expect.stringContaining('desconocido en ISCO-08'),
        }),
      ]),
    );
    const english = await employerCall(
      'POST',
      '/vacancies',
      { ...drywallJob, posts: 0 },
      { 'accept-language': 'en' },
    );
    expect(english.body).toMatchObject({
      title: 'The request contains invalid data.',
      errors: [{ field: 'posts', message: 'A vacancy needs at least one post.' }],
    });
    const closed = await bed.call(
      'POST',
      '/placements',
      tokens['caseworker'],
      { vacancyId: closedVacancy, caseId },
      { 'accept-language': 'en' },
    );
    expect(closed.body['title']).toBe('The vacancy is closed to proposals.');
  });

  it('keeps a minor out of an adults-only job', async () => {
    const { caseId: minor } = await readyCandidate(bed, tokens['caseworker'] as string, {
      providerIds: [office],
      minor: true,
    });
    const hazardous = await postVacancy({ adultsOnly: true, title: 'Trabajo en altura' });
    const before = await footprint();
    expectProblem(
      await caseworker('POST', '/placements', { vacancyId: hazardous, caseId: minor }),
      422,
      'placement.minimum-age',
    );
    expect(await footprint()).toEqual(before);
    const ranked = (await caseworker('GET', `/candidates/${minor}/matches`))
      .body as unknown as Json[];
    expect(ranked.map((r) => r['vacancyId'])).not.toContain(hazardous);
  });
});

describe('concurrency', () => {
  it('hires exactly one of eight simultaneous hires into the last post', async () => {
    const vacancyId = await postVacancy({ posts: 1 });
    const people = await Promise.all(
      Array.from({ length: 8 }, () =>
        readyCandidate(bed, tokens['caseworker'] as string, { providerIds: [office] }),
      ),
    );
    const placements: string[] = [];
    for (const { caseId } of people) {
      const proposed = await caseworker('POST', '/placements', { vacancyId, caseId });
      expect(proposed.status).toBe(201);
      placements.push(proposed.body['id'] as string);
    }
    const responses = await Promise.all(
      placements.map((id) =>
        caseworker('POST', `/placements/${id}/hire`, { startsOn: isoDaysFromNow(7) }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const loser of responses.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ code: 'vacancy.no-posts-left' });
    }
    const [vacancy] = (await bed.db.query(
      `SELECT posts_filled AS filled, open,
              (SELECT count(*)::int FROM placements WHERE vacancy_id = $1 AND status = 'hired') AS hired,
              (SELECT count(*)::int FROM placements WHERE vacancy_id = $1 AND status = 'withdrawn'
                  AND reason_code = 'vacancy-filled') AS withdrawn
         FROM vacancies WHERE id = $1`,
      [vacancyId],
    )) as Json[];
    expect(vacancy).toEqual({ filled: 1, open: false, hired: 1, withdrawn: 7 });
    await eventually(() => {
      const moves = bed.recorded<{ vacancyId: string; status: string }>(
        placementStatusChangedV1.type,
        (data) => data.vacancyId === vacancyId,
      );
      expect(moves.filter((e) => e.data.status === 'hired')).toHaveLength(1);
      expect(moves.filter((e) => e.data.status === 'withdrawn')).toHaveLength(7);
    });
  }, 180_000);

  it('never over-books a workshop school: 24 simultaneous enrolments for 5 seats', async () => {
    const workshop = await caseworker('POST', '/workshops', {
      name: 'Escuela taller de electricidad',
      tradeIscoCode: '7411',
      municipalityCode: LA_PAZ_ESTE,
      seats: 5,
      startsOn: isoDaysFromNow(-5),
      endsOn: isoDaysFromNow(90),
    });
    const people = await Promise.all(
      Array.from({ length: 24 }, () =>
        readyCandidate(bed, tokens['caseworker'] as string, { providerIds: [office] }),
      ),
    );
    const responses = await Promise.all(
      people.map(({ caseId }) =>
        caseworker('POST', `/workshops/${workshop.body['id']}/enrolments`, { caseId }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(19);
    for (const response of refused) expect(response.body).toMatchObject({ code: 'workshop.full' });
    const [row] = (await bed.db.query(
      `SELECT seats_taken AS taken,
              (SELECT count(*)::int FROM workshop_enrolments WHERE workshop_id = $1) AS enrolments
         FROM workshops WHERE id = $1`,
      [workshop.body['id']],
    )) as Json[];
    expect(row).toEqual({ taken: 5, enrolments: 5 });
  }, 240_000);
});
