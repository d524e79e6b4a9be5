import { randomUUID } from 'node:crypto';
import { TOPICS } from '@reintegra/event-contracts';
import {
  MATRIX_HOME,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
  testToken,
} from '@reintegra/testing';
import {
  educationReferralRequested,
  educationReferralRevoked,
  referralStatusIs,
  sendForCase,
  startEducationEnrolment,
  type TestEducation,
} from './testing/education-enrolment-test-bed';

/**
 * Who may call what in education: a provider's own caseworkers manage its catalogue, cohorts and
 * the people referred to it (their token's municipality does not matter, their organisation
 * does); a supervisor sees the cohorts of their municipality; national roles see everything and
 * only admin manages. A cohort or person the caller may not see answers 404.
 */
const run = randomUUID().slice(0, 8);
const ORG = `matrix-escuela-${run}`;
const OTHER_ORG = `matrix-otra-${run}`;
let bed: TestEducation;
let programmeId: string;
let cohortId: string;

type Json = Record<string, unknown>;
async function call(method: string, path: string, body: unknown, expected: number) {
  const response = await fetch(`${bed.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: await testToken({ roles: ['admin'] }),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect({ path, status: response.status, text }).toMatchObject({ status: expected });
  return JSON.parse(text) as Json;
}

const isoDaysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const newCohort = async () =>
  (
    await call(
      'POST',
      '/cohorts',
      {
        programmeId,
        name: `Cohorte ${randomUUID().slice(0, 6)}`,
        seats: 100,
        schedule: 'sábados 8:00-12:00',
        municipalityCode: MATRIX_HOME,
        startsOn: isoDaysFromNow(-10),
        endsOn: isoDaysFromNow(200),
      },
      201,
    )
  )['id'] as string;

/** A case referred to ORG through Kafka (the referral revoked, so a profile routes nothing). */
async function referredCase(): Promise<string> {
  const caseId = randomUUID();
  const referralId = randomUUID();
  await sendForCase(
    bed.producer,
    caseId,
    TOPICS.intakeReferrals,
    educationReferralRequested(caseId, referralId, [ORG]),
    educationReferralRevoked(caseId, referralId),
  );
  await referralStatusIs(bed.db, referralId, 'revoked');
  return caseId;
}

const profile = { dateOfBirth: '1995-02-01', lastGradeCompleted: 9, documents: ['dui'] };

/** An adult learner of ORG enrolled in the cohort; its enrolment id. */
async function enrolment(cohort = cohortId): Promise<string> {
  const caseId = await referredCase();
  await call('PUT', `/learners/${caseId}`, profile, 200);
  return (await call('POST', `/cohorts/${cohort}/enrolments`, { caseId }, 201))[
    'enrolmentId'
  ] as string;
}

/** An enrolment attending its own cohort (completion needs attendance). */
async function attending(): Promise<string> {
  const cohort = await newCohort();
  const enrolmentId = await enrolment(cohort);
  const attendance = [{ enrolmentId, present: true }];
  await call('POST', `/cohorts/${cohort}/sessions`, { heldOn: isoDaysFromNow(0), attendance }, 201);
  return enrolmentId;
}

/** ORG's own caseworkers, whatever municipality their token names, and admin. */
const manage = (status: number) =>
  ({ 'education-caseworker': [status, status, 404], admin: status }) as const;
const seeCohort = {
  'education-caseworker': [200, 200, 404],
  supervisor: [200, 404, 200],
  'national-supervisor': 200,
  admin: 200,
} as const;
const readers = {
  'education-caseworker': 200,
  supervisor: 200,
  'national-supervisor': 200,
  admin: 200,
} as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  // ORG exists already: getting past the access check answers 409.
  { route: 'POST /providers', request: () => ({ path: '/providers', body: { id: ORG, name: 'Escuela', kind: 'school', municipalityCode: MATRIX_HOME } }), allow: { 'education-caseworker': [409, 409, 403], admin: 409 } },
  { route: 'POST /programmes', request: () => ({ path: '/programmes', body: { providerId: ORG, name: 'Bachillerato', level: 'secondary', modality: 'night', eligibility: { minAge: 15 } } }), allow: { 'education-caseworker': [201, 201, 403], admin: 201 } },
  { route: 'GET /programmes', request: () => ({ path: '/programmes' }), allow: readers },
  { route: 'POST /cohorts', request: () => ({ path: '/cohorts', body: { programmeId, name: 'Cohorte', seats: 5, schedule: 'lunes', municipalityCode: MATRIX_HOME, startsOn: isoDaysFromNow(1), endsOn: isoDaysFromNow(90) } }), allow: { 'education-caseworker': [201, 201, 403], admin: 201 } },
  { route: 'GET /cohorts', request: () => ({ path: '/cohorts' }), allow: readers },
  { route: 'GET /cohorts/:id', request: () => ({ path: `/cohorts/${cohortId}` }), allow: seeCohort },
  { route: 'PATCH /cohorts/:id', request: () => ({ path: `/cohorts/${cohortId}`, body: { seats: 100 } }), allow: manage(200) },
  { route: 'GET /cohorts/:id/enrolments', request: () => ({ path: `/cohorts/${cohortId}/enrolments` }), allow: seeCohort },
  { route: 'POST /cohorts/:id/enrolments', request: async () => { const caseId = await referredCase(); await call('PUT', `/learners/${caseId}`, profile, 200); return { path: `/cohorts/${cohortId}/enrolments`, body: { caseId } }; }, allow: manage(201) },
  { route: 'POST /enrolments/:id/drop', request: async () => ({ path: `/enrolments/${await enrolment()}/drop`, body: { reasonCode: 'moved-away' } }), allow: manage(200) },
  { route: 'POST /enrolments/:id/complete', request: async () => ({ path: `/enrolments/${await attending()}/complete` }), allow: manage(200) },
  { route: 'POST /cohorts/:id/sessions', request: async () => { const cohort = await newCohort(); return { path: `/cohorts/${cohort}/sessions`, body: { heldOn: isoDaysFromNow(0), attendance: [{ enrolmentId: await enrolment(cohort), present: true }] } }; }, allow: manage(201) },
  { route: 'PUT /learners/:caseId', request: async () => ({ path: `/learners/${await referredCase()}`, body: profile }), allow: manage(200) },
  { route: 'GET /referrals', request: () => ({ path: '/referrals' }), allow: { 'education-caseworker': 200, 'national-supervisor': 200, admin: 200 } },
];

beforeAll(async () => {
  bed = await startEducationEnrolment();
  for (const id of [ORG, OTHER_ORG])
    await call(
      'POST',
      '/providers',
      { id, name: `Proveedor ${id}`, kind: 'school', municipalityCode: MATRIX_HOME },
      201,
    );
  programmeId = (
    await call(
      'POST',
      '/programmes',
      {
        providerId: ORG,
        name: 'Bachillerato acelerado',
        level: 'secondary',
        modality: 'night',
        eligibility: { minAge: 15 },
      },
      201,
    )
  )['id'] as string;
  cohortId = await newCohort();
}, 60_000);

afterAll(async () => {
  await bed?.stop();
});

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: bed.app,
    url: bed.url,
    organisation: ORG,
    otherOrganisation: OTHER_ORG,
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 120_000);
