import { randomUUID } from 'node:crypto';
import {
  eventually,
  MATRIX_HOME,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
  testToken,
} from '@reintegra/testing';
import { readyCandidate, WEEKDAYS } from './testing/candidate-setup';
import {
  EmploymentTestBed,
  isoDaysFromNow,
  type Json,
} from './testing/employment-matching-test-bed';

/**
 * Who may call what in employment (core/scope.ts): only the office a referral names answers it;
 * a caseworker of that office, or of the person's municipality, works with the person (profile,
 * proposals, training, projects); the municipality's supervisor reads; a workshop's own office
 * manages its enrolments; an employer (role `partner`, organisation = the employer) manages its
 * own vacancies and answers the proposals made to them; national roles read everything and admin
 * also writes, naming the employer or provider it acts for.
 */
const bed = new EmploymentTestBed();
const run = randomUUID().slice(0, 8);
const OFFICE = `matrix-oficina-${run}`;
const EMPLOYER = `matrix-empresa-${run}`;
const OTHER_ORG = `matrix-otra-${run}`;
let office: string;
let employer: string;
let caseId: string;
let vacancyId: string;
let placementId: string;
let workshopId: string;

async function call(token: string, method: string, path: string, body: unknown, status: number) {
  const reply = await bed.call(method, path, token, body);
  expect({ path, status: reply.status, body: reply.body }).toMatchObject({ status });
  return reply.body as Json;
}
const byOffice = (method: string, path: string, body: unknown, status: number) =>
  call(office, method, path, body, status);

/** A person referred to OFFICE, accepted and profiled. */
const candidate = async () => (await readyCandidate(bed, office, { providerIds: [OFFICE] })).caseId;
/**
 * A person referred to OFFICE, waiting for its answer. The registration (the person's
 * municipality) and the referral come on two topics: until both are in, an office of the same
 * municipality that the referral does not name cannot see the person yet (404, not 403).
 */
async function referral(): Promise<string> {
  const { referralId } = await bed.referReturnee({ providerIds: [OFFICE] });
  await eventually(async () =>
    expect(
      await bed.db.query(
        `SELECT 1 FROM referrals r JOIN candidates c ON c.case_id = r.case_id
          WHERE r.id = $1 AND c.municipality_code IS NOT NULL`,
        [referralId],
      ),
    ).toHaveLength(1),
  );
  return referralId;
}
/** A proposal of a fresh candidate to EMPLOYER's vacancy, moved on by the office as far as `to`. */
async function placement(...steps: ('interview' | 'hire')[]): Promise<string> {
  const id = (await byOffice('POST', '/placements', { vacancyId, caseId: await candidate() }, 201))[
    'id'
  ] as string;
  if (steps.includes('interview')) await byOffice('POST', `/placements/${id}/interview`, {}, 200);
  if (steps.includes('hire'))
    await byOffice('POST', `/placements/${id}/hire`, { startsOn: isoDaysFromNow(-40) }, 200);
  return id;
}
async function recognition(): Promise<string> {
  return (
    await byOffice(
      'POST',
      `/candidates/${await candidate()}/recognitions`,
      { iscoCode: '7123' },
      201,
    )
  )['id'] as string;
}
async function workshopEnrolment(complete = false): Promise<string> {
  const id = (
    await byOffice(
      'POST',
      `/workshops/${workshopId}/enrolments`,
      { caseId: await candidate() },
      201,
    )
  )['id'] as string;
  if (complete) await byOffice('POST', `/workshop-enrolments/${id}/completion`, {}, 200);
  return id;
}
const vacancy = () => ({
  employerId: EMPLOYER,
  title: 'Tablaroca',
  iscoCode: '7123',
  requiredSkills: ['tablaroca'],
  municipalityCode: MATRIX_HOME,
  schedule: WEEKDAYS,
  posts: 100,
});
const project = async () =>
  (
    await byOffice(
      'POST',
      `/candidates/${await candidate()}/projects`,
      { sectorIscoCode: '7512', municipalityCode: MATRIX_HOME },
      201,
    )
  )['id'] as string;

/** The referral's office and admin; another office of the municipality is not addressed (403). */
const addressed = (status: number) =>
  ({ 'employment-caseworker': [status, status, 403], admin: status }) as const;
/** The person's office (any municipality), a caseworker of their municipality, and admin. */
const work = (status: number) => ({ 'employment-caseworker': status, admin: status }) as const;
/** The workshop's own office (any municipality) and admin. */
const workshopStaff = (status: number) =>
  ({ 'employment-caseworker': [status, status, 403], admin: status }) as const;
const readers = {
  'employment-caseworker': 200,
  supervisor: 200,
  'national-supervisor': 200,
  admin: 200,
} as const;
const readPerson = {
  'employment-caseworker': [200, 200, 200],
  supervisor: [200, 404, 200],
  'national-supervisor': 200,
  admin: 200,
} as const;
/** The employer (its own organisation, any municipality) and the office on a proposal. */
const proposal = (status: number) =>
  ({
    partner: [status, status, 404],
    'employment-caseworker': status,
    admin: status,
  }) as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'GET /occupations', request: () => ({ path: '/occupations?q=alba' }), allow: { ...readers, partner: 200 } },
  { route: 'GET /skills', request: () => ({ path: '/skills' }), allow: { ...readers, partner: 200 } },
  { route: 'GET /candidates', request: () => ({ path: '/candidates' }), allow: readers },
  { route: 'GET /candidates/:caseId', request: () => ({ path: `/candidates/${caseId}` }), allow: readPerson },
  { route: 'PUT /candidates/:caseId/profile', request: async () => { const id = await candidate(); const etag = (await bed.call('GET', `/candidates/${id}`, office)).headers.get('etag') ?? ''; return { path: `/candidates/${id}/profile`, body: { occupations: [{ iscoCode: '7123' }], availability: WEEKDAYS }, headers: { 'if-match': etag } }; }, allow: work(200) },
  { route: 'GET /candidates/:caseId/matches', request: () => ({ path: `/candidates/${caseId}/matches` }), allow: readPerson },
  { route: 'POST /candidates/:caseId/recognitions', request: async () => ({ path: `/candidates/${await candidate()}/recognitions`, body: { iscoCode: '7123' } }), allow: work(201) },
  { route: 'POST /recognitions/:id/assessment', request: async () => ({ path: `/recognitions/${await recognition()}/assessment` }), allow: work(200) },
  { route: 'POST /recognitions/:id/decision', request: async () => { const id = await recognition(); await byOffice('POST', `/recognitions/${id}/assessment`, {}, 200); return { path: `/recognitions/${id}/decision`, body: { certified: true } }; }, allow: work(200) },
  { route: 'GET /candidates/:caseId/projects', request: () => ({ path: `/candidates/${caseId}/projects` }), allow: readPerson },
  { route: 'POST /candidates/:caseId/projects', request: async () => ({ path: `/candidates/${await candidate()}/projects`, body: { sectorIscoCode: '7512', municipalityCode: MATRIX_HOME } }), allow: work(201) },
  { route: 'POST /projects/:id/transitions', request: async () => ({ path: `/projects/${await project()}/transitions`, body: { to: 'approved' } }), allow: work(200) },
  { route: 'GET /referrals', request: () => ({ path: '/referrals' }), allow: readers },
  { route: 'POST /referrals/:id/acceptance', request: async () => ({ path: `/referrals/${await referral()}/acceptance` }), allow: addressed(200) },
  { route: 'POST /referrals/:id/decline', request: async () => ({ path: `/referrals/${await referral()}/decline`, body: { reasonCode: 'out-of-area' } }), allow: addressed(200) },
  { route: 'POST /referrals/:id/no-capacity', request: async () => ({ path: `/referrals/${await referral()}/no-capacity` }), allow: addressed(200) },
  { route: 'POST /referrals/:id/closure', request: async () => { const referralId = await referral(); await byOffice('POST', `/referrals/${referralId}/acceptance`, {}, 200); return { path: `/referrals/${referralId}/closure`, body: { outcome: 'not-completed', reasonCode: 'disengaged' } }; }, allow: addressed(200) },
  // EMPLOYER is registered already: past the access check, 409.
  { route: 'POST /employers', request: () => ({ path: '/employers', body: { id: EMPLOYER, name: 'Empresa', municipalityCode: MATRIX_HOME } }), allow: { partner: [409, 409, 403], admin: 409 } },
  { route: 'POST /vacancies', request: () => ({ path: '/vacancies', body: vacancy() }), allow: { partner: [201, 201, 403], admin: 201 } },
  { route: 'GET /vacancies', request: () => ({ path: '/vacancies' }), allow: { ...readers, partner: 200 } },
  { route: 'GET /vacancies/:id', request: () => ({ path: `/vacancies/${vacancyId}` }), allow: { ...readers, partner: [200, 200, 404] } },
  { route: 'PATCH /vacancies/:id', request: async () => { const id = (await call(employer, 'POST', '/vacancies', vacancy(), 201))['id'] as string; const etag = (await bed.call('GET', `/vacancies/${id}`, employer)).headers.get('etag') ?? ''; return { path: `/vacancies/${id}`, body: { posts: 2 }, headers: { 'if-match': etag } }; }, allow: { partner: [200, 200, 404], admin: 200 } },
  { route: 'GET /vacancies/:id/matches', request: () => ({ path: `/vacancies/${vacancyId}/matches` }), allow: { 'employment-caseworker': 200, 'national-supervisor': 200, admin: 200 } },
  { route: 'POST /placements', request: async () => ({ path: '/placements', body: { vacancyId, caseId: await candidate() } }), allow: work(201) },
  { route: 'GET /placements', request: () => ({ path: '/placements' }), allow: { ...readers, partner: 200 } },
  { route: 'GET /placements/:id', request: () => ({ path: `/placements/${placementId}` }), allow: { ...readPerson, partner: [200, 200, 404] } },
  { route: 'POST /placements/:id/interview', request: async () => ({ path: `/placements/${await placement()}/interview`, body: {} }), allow: proposal(200) },
  { route: 'POST /placements/:id/hire', request: async () => ({ path: `/placements/${await placement('interview')}/hire`, body: { startsOn: isoDaysFromNow(1) } }), allow: proposal(200) },
  { route: 'POST /placements/:id/not-hired', request: async () => ({ path: `/placements/${await placement('interview')}/not-hired`, body: { reasonCode: 'skills-insufficient' } }), allow: proposal(200) },
  { route: 'POST /placements/:id/withdrawal', request: async () => ({ path: `/placements/${await placement()}/withdrawal`, body: { reasonCode: 'candidate-declined' } }), allow: work(200) },
  { route: 'POST /placements/:id/retention-checks', request: async () => ({ path: `/placements/${await placement('interview', 'hire')}/retention-checks`, body: { checkpointDays: 30, employed: true, checkedOn: isoDaysFromNow(-5) } }), allow: work(201) },
  { route: 'POST /workshops', request: () => ({ path: '/workshops', body: { providerId: OFFICE, name: 'Escuela taller', tradeIscoCode: '7411', municipalityCode: MATRIX_HOME, seats: 5, startsOn: isoDaysFromNow(-5), endsOn: isoDaysFromNow(90) } }), allow: workshopStaff(201) },
  // The training offer is no one's personal data; who is enrolled is the workshop office's.
  { route: 'GET /workshops', request: () => ({ path: '/workshops' }), allow: readers },
  { route: 'GET /workshops/:id', request: () => ({ path: `/workshops/${workshopId}` }), allow: readers },
  { route: 'GET /workshops/:id/enrolments', request: () => ({ path: `/workshops/${workshopId}/enrolments` }), allow: workshopStaff(200) },
  { route: 'POST /workshops/:id/enrolments', request: async () => ({ path: `/workshops/${workshopId}/enrolments`, body: { caseId: await candidate() } }), allow: work(201) },
  { route: 'POST /workshop-enrolments/:id/completion', request: async () => ({ path: `/workshop-enrolments/${await workshopEnrolment()}/completion` }), allow: work(200) },
  { route: 'POST /workshop-enrolments/:id/certification', request: async () => ({ path: `/workshop-enrolments/${await workshopEnrolment(true)}/certification` }), allow: work(200) },
  { route: 'POST /workshop-enrolments/:id/drop', request: async () => ({ path: `/workshop-enrolments/${await workshopEnrolment()}/drop`, body: { reasonCode: 'found-work' } }), allow: work(200) },
];

beforeAll(async () => {
  await bed.start();
  office = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: MATRIX_HOME,
    organisationId: OFFICE,
  });
  employer = await testToken({ roles: ['partner'], organisationId: EMPLOYER });
  await call(
    employer,
    'POST',
    '/employers',
    { name: 'Empresa de la matriz', municipalityCode: MATRIX_HOME },
    201,
  );
  caseId = await candidate();
  vacancyId = (await call(employer, 'POST', '/vacancies', vacancy(), 201))['id'] as string;
  placementId = (await byOffice('POST', '/placements', { vacancyId, caseId }, 201))['id'] as string;
  workshopId = (
    await byOffice(
      'POST',
      '/workshops',
      {
        providerId: OFFICE,
        name: 'Escuela taller de la matriz',
        tradeIscoCode: '7123',
        municipalityCode: MATRIX_HOME,
        seats: 200,
        startsOn: isoDaysFromNow(-5),
        endsOn: isoDaysFromNow(90),
      },
      201,
    )
  )['id'] as string;
}, 120_000);

afterAll(() => bed.stop());

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: bed.app,
    url: bed.url,
    organisation: OFFICE,
    organisationOf: { partner: EMPLOYER },
    otherOrganisation: OTHER_ORG,
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 180_000);
