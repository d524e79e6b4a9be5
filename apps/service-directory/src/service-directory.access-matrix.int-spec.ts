import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { referralRequestedV1 } from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import {
  eventually,
  MATRIX_HOME,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
  type Expected,
} from '@reintegra/testing';
import {
  as,
  publish,
  startServiceDirectory,
  type TestDirectory,
  testProducer,
} from './testing/service-directory-test-bed';

/**
 * Who may call what in the directory: office roles read it, a supervisor manages the entries of
 * their municipality and admin every one, and an outside organisation's staff see only the
 * referrals addressed to their organisation (another one's look like none).
 */
const run = randomUUID().slice(0, 8);
const ORG = `matrix-org-${run}`;
const OTHER_ORG = `matrix-otra-${run}`;
let directory: TestDirectory;
let producer: Producer;
let locationId: string;
let serviceId: string;
let hsdsEntry: Record<string, unknown>;

const admin = () => as(directory.url, { roles: ['admin'] });
const staff = () =>
  as(directory.url, {
    roles: ['provider-staff'],
    municipalityCode: MATRIX_HOME,
    organisationId: ORG,
  });

async function created(response: Promise<{ status: number; body: Record<string, unknown> }>) {
  const { status, body } = await response;
  expect(status).toBe(201);
  return body['id'] as string;
}

const organization = (id = `matrix-${randomUUID().slice(0, 12)}`) => ({
  id,
  name: `Organización ${id}`,
  description: 'Prueba de la matriz de acceso',
  municipalityCode: MATRIX_HOME,
});

/** A referral addressed to ORG, in its inbox, moved on by ORG's staff as far as `through`. */
async function referral(...through: ('acceptance' | 'start')[]): Promise<string> {
  const referralId = randomUUID();
  const caseId = randomUUID();
  await publish(producer, referralRequestedV1, caseId, {
    referralId,
    caseId,
    service: 'housing',
    priority: 'urgent',
    providerIds: [ORG],
    acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
    requestedAt: new Date().toISOString(),
    consentId: randomUUID(),
  });
  await eventually(async () =>
    expect((await staff().get(`/provider-inbox/referrals/${referralId}`)).status).toBe(200),
  );
  for (const step of through)
    expect((await staff().post(`/provider-inbox/referrals/${referralId}/${step}`)).status).toBe(
      200,
    );
  return `/provider-inbox/referrals/${referralId}`;
}

const READERS: Role[] = [
  'intake-officer',
  'supervisor',
  'national-supervisor',
  'admin',
  'employment-caseworker',
  'education-caseworker',
];
const readers = (status = 200) =>
  Object.fromEntries(READERS.map((role) => [role, status])) as Partial<Record<Role, Expected>>;
/** A supervisor manages their own municipality's entries, admin everyone's. */
const managers = (status: number) =>
  ({ supervisor: [status, 403, status], admin: status }) as const;
/** ORG's staff, whatever municipality their token names; another organisation's get 404. */
const inbox = { 'provider-staff': [200, 200, 404] } as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'GET /organizations', request: () => ({ path: '/organizations' }), allow: readers() },
  { route: 'POST /organizations', request: () => ({ path: '/organizations', body: organization() }), allow: managers(201) },
  { route: 'PATCH /organizations/:id', request: () => ({ path: `/organizations/${ORG}`, body: { description: 'Revisada' } }), allow: managers(200) },
  { route: 'GET /organizations/:id/locations', request: () => ({ path: `/organizations/${ORG}/locations` }), allow: readers() },
  { route: 'POST /locations', request: () => ({ path: '/locations', body: { organizationId: ORG, name: 'Sede', municipalityCode: MATRIX_HOME } }), allow: managers(201) },
  { route: 'POST /services', request: () => ({ path: '/services', body: { locationId, name: 'Albergue', serviceType: 'housing' } }), allow: managers(201) },
  { route: 'GET /services', request: () => ({ path: '/services' }), allow: readers() },
  { route: 'GET /services/:id', request: () => ({ path: `/services/${serviceId}` }), allow: readers() },
  { route: 'PATCH /services/:id', request: () => ({ path: `/services/${serviceId}`, body: { name: 'Albergue temporal' } }), allow: managers(200) },
  { route: 'PUT /services/:id/capacity', request: () => ({ path: `/services/${serviceId}/capacity`, body: { available: 3 } }), allow: managers(200) },
  { route: 'GET /hsds/services', request: () => ({ path: '/hsds/services' }), allow: readers() },
  { route: 'GET /hsds/services.csv', request: () => ({ path: '/hsds/services.csv' }), allow: readers() },
  { route: 'GET /hsds/organizations', request: () => ({ path: '/hsds/organizations' }), allow: readers() },
  { route: 'POST /hsds/import', request: () => ({ path: '/hsds/import', body: { contents: [hsdsEntry] } }), allow: managers(200) },
  { route: 'POST /routing/next-provider', request: () => ({ path: '/routing/next-provider', body: { service: 'housing', municipalityCode: MATRIX_HOME } }), allow: { 'intake-officer': 200, supervisor: 200, 'national-supervisor': 200, admin: 200 } },
  { route: 'GET /provider-inbox/referrals', request: () => ({ path: '/provider-inbox/referrals' }), allow: { 'provider-staff': 200 } },
  { route: 'GET /provider-inbox/referrals/:referralId', request: async () => ({ path: await referral() }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/acceptance', request: async () => ({ path: `${await referral()}/acceptance` }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/decline', request: async () => ({ path: `${await referral()}/decline`, body: { reasonCode: 'not-eligible' } }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/no-capacity', request: async () => ({ path: `${await referral()}/no-capacity` }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/start', request: async () => ({ path: `${await referral('acceptance')}/start` }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/completion', request: async () => ({ path: `${await referral('acceptance', 'start')}/completion`, body: { outcomeCode: 'housed' } }), allow: inbox },
  { route: 'POST /provider-inbox/referrals/:referralId/non-completion', request: async () => ({ path: `${await referral('acceptance', 'start')}/non-completion`, body: { reasonCode: 'no-show' } }), allow: inbox },
];

beforeAll(async () => {
  directory = await startServiceDirectory();
  producer = await testProducer();
  await created(admin().post('/organizations', organization(ORG)));
  await created(admin().post('/organizations', organization(OTHER_ORG)));
  locationId = await created(
    admin().post('/locations', {
      organizationId: ORG,
      name: 'Sede',
      municipalityCode: MATRIX_HOME,
    }),
  );
  serviceId = await created(
    admin().post('/services', { locationId, name: 'Albergue', serviceType: 'housing' }),
  );
  const exported = await admin().get(`/hsds/services?municipalityCode=${MATRIX_HOME}`);
  hsdsEntry = exported.body.contents?.find((entry) => entry['id'] === serviceId) ?? {};
}, 60_000);

afterAll(async () => {
  await producer?.disconnect();
  await directory?.stop();
});

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: directory.app,
    url: directory.url,
    organisation: ORG,
    otherOrganisation: OTHER_ORG,
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 120_000);
