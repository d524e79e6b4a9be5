import { ROLES } from '@reintegra/platform-auth';
import { careFixtures, officeUser } from './testing/care-fixtures';
import {
  as,
  OFFICE,
  OTHER_OFFICE,
  startVictimSupport,
  type TestService,
  type TestUser,
  uniqueSubject,
} from './testing/victim-support-test-bed';

/**
 * Every endpoint × every caller. Records are routed to OFFICE (La Paz Este); the office's own
 * counsellors and supervisor act on them by need-to-know, the staff of another municipality's
 * office get the answer for a record that does not exist (404), and every other role 403.
 */
let service: TestService;
let fixtures: ReturnType<typeof careFixtures>;

const assigned = officeUser(uniqueSubject('assigned'), 'victim-support-counsellor');
const otherCounsellor = officeUser(uniqueSubject('unassigned'), 'victim-support-counsellor');

/** The callers with a column in the table below; every other role is answered 403. */
const COLUMNS = {
  assigned: assigned,
  unassigned: otherCounsellor,
  supervisor: officeUser(uniqueSubject('supervisor'), 'victim-support-supervisor'),
  foreignCounsellor: officeUser(uniqueSubject('ss-c'), 'victim-support-counsellor', OTHER_OFFICE),
  foreignSupervisor: officeUser(uniqueSubject('ss-s'), 'victim-support-supervisor', OTHER_OFFICE),
} satisfies Record<string, TestUser>;
type Column = keyof typeof COLUMNS;
const ORDER: Column[] = [
  'assigned',
  'unassigned',
  'supervisor',
  'foreignCounsellor',
  'foreignSupervisor',
];

interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'put';
  prepare: () => Promise<{ path: string; body?: unknown }>;
}

const record = (state?: 'referred') => fixtures.freshRecord(assigned, state);
const childRecord = (state?: 'referred') => fixtures.freshChildRecord(assigned, state);
const session = () => ({ heldAt: new Date().toISOString(), durationMinutes: 30, notes: 'n' });
const crisis = {
  reasonCode: 'crisis-call' as const,
  justification: 'Crisis call while the team is away.',
};
const shelter = {
  recipient: 'shelter:casa-1',
  purpose: 'shelter' as const,
  categories: ['risk-level' as const],
};
const withConsent = async () => {
  const reference = await record();
  const consent = await fixtures.care.grantConsent(assigned, reference, shelter);
  return { reference, consentId: consent.id };
};

/**
 * The expected answer per route, columns in ORDER: office counsellor assigned to the record,
 * office counsellor not assigned, office supervisor, counsellor and supervisor of another
 * municipality. (GET /referrals and the notification queue answer 200 to another office, with
 * none of OFFICE's items: office-scope.int-spec checks the lists.)
 */
// prettier-ignore
const TABLE: [Endpoint, ...number[]][] = [
  //                                                                                       ass  una  sup  fCo  fSu
  [{ name: 'GET /referrals', method: 'get', prepare: async () => ({ path: '/referrals' }) }, 200, 200, 200, 200, 200],
  [{ name: 'POST acceptance', method: 'post', prepare: async () => ({ path: `/care-records/${await record('referred')}/acceptance` }) }, 200, 200, 403, 404, 403],
  // A child-protection referral: no counsellor takes it; the supervisor assigns it (then the ordinary rule).
  [{ name: 'POST acceptance (child-protection)', method: 'post', prepare: async () => ({ path: `/care-records/${await childRecord('referred')}/acceptance` }) }, 403, 403, 403, 404, 403],
  [{ name: 'POST assignments (child-protection)', method: 'post', prepare: async () => ({ path: `/care-records/${await childRecord('referred')}/assignments`, body: { counsellor: assigned.subject } }) }, 403, 403, 201, 403, 404],
  [{ name: 'GET record (child-protection)', method: 'get', prepare: async () => ({ path: `/care-records/${await childRecord()}` }) }, 200, 403, 200, 404, 404],
  [{ name: 'POST assignments', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/assignments`, body: { counsellor: otherCounsellor.subject } }) }, 403, 403, 201, 403, 404],
  [{ name: 'GET record', method: 'get', prepare: async () => ({ path: `/care-records/${await record()}` }) }, 200, 403, 200, 404, 404],
  [{ name: 'POST risk-assessments', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/risk-assessments`, body: { level: 'moderate', reasonCodes: ['isolation'] } }) }, 201, 403, 403, 404, 403],
  [{ name: 'PUT safety-plan', method: 'put', prepare: async () => ({ path: `/care-records/${await record()}/safety-plan`, body: { safeContacts: ['x'] } }) }, 200, 403, 403, 404, 403],
  [{ name: 'POST services', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/services`, body: { kind: 'recreation' } }) }, 201, 403, 403, 404, 403],
  [{ name: 'POST sessions', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/sessions`, body: session() }) }, 201, 403, 403, 404, 403],
  [{ name: 'POST closure', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/closure`, body: { reasonCode: 'goals-met' } }) }, 200, 403, 403, 404, 403],
  [{ name: 'POST consents', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/consents`, body: shelter }) }, 201, 403, 403, 404, 403],
  [{ name: 'POST consent withdrawal', method: 'post', prepare: async () => { const { reference, consentId } = await withConsent(); return { path: `/care-records/${reference}/consents/${consentId}/withdrawal` }; } }, 200, 403, 403, 404, 403],
  [{ name: 'POST disclosures', method: 'post', prepare: async () => { const { reference, consentId } = await withConsent(); return { path: `/care-records/${reference}/disclosures`, body: { consentId, recipient: shelter.recipient, categories: shelter.categories } }; } }, 201, 403, 403, 404, 403],
  [{ name: 'POST break-glass', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/break-glass`, body: crisis }) }, 201, 201, 403, 404, 403],
  [{ name: 'POST erasure', method: 'post', prepare: async () => ({ path: `/care-records/${await record()}/erasure`, body: { reasonCode: 'survivor-request' } }) }, 403, 403, 200, 403, 404],
  [{ name: 'GET audit trail', method: 'get', prepare: async () => ({ path: `/care-records/${await record()}/audit` }) }, 403, 403, 200, 403, 404],
  [{ name: 'GET audit verification', method: 'get', prepare: async () => ({ path: '/audit/verification' }) }, 403, 403, 200, 403, 200],
  [{ name: 'GET supervisor notifications', method: 'get', prepare: async () => ({ path: '/supervisor/notifications' }) }, 403, 403, 200, 403, 200],
  [{ name: 'POST notification acknowledgement', method: 'post', prepare: async () => {
    const reference = await record();
    await fixtures.care.breakGlass(otherCounsellor, reference, crisis);
    const [notice] = await fixtures.db.query(`SELECT id FROM supervisor_notifications WHERE reference = $1`, [reference]);
    return { path: `/supervisor/notifications/${notice.id}/acknowledgement` };
  } }, 403, 403, 200, 403, 404],
];

/** Every other role, in the office's municipality (national roles carry none). */
const others: [string, TestUser | null][] = [
  ['anonymous', null],
  ...ROLES.filter((role) => !role.startsWith('victim-support')).map((role): [string, TestUser] => [
    role,
    {
      subject: uniqueSubject(role),
      roles: [role],
      ...(role === 'national-supervisor' || role === 'admin' ? {} : { municipalityCode: OFFICE }),
    },
  ]),
];

beforeAll(async () => {
  service = await startVictimSupport();
  fixtures = careFixtures(service);
});

afterAll(async () => {
  await service?.stop();
});

const cases = TABLE.flatMap(([endpoint, ...statuses]) => [
  ...ORDER.map(
    (column, i) => [endpoint.name, column, endpoint, COLUMNS[column], statuses[i]] as const,
  ),
  ...others.map(
    ([label, user]) => [endpoint.name, label, endpoint, user, user ? 403 : 401] as const,
  ),
]);

it('has a column per office caller and a row per route', () => {
  expect(TABLE).toHaveLength(21);
  for (const [, ...statuses] of TABLE) expect(statuses).toHaveLength(ORDER.length);
});

it.each(cases)('%s as %s', async (_name, _label, endpoint, user, expected) => {
  const { path, body } = await endpoint.prepare();
  const client = as(service.url, user);
  const response =
    endpoint.method === 'get'
      ? await client.get(path)
      : endpoint.method === 'put'
        ? await client.put(path, body)
        : await client.post(path, body ?? {});
  expect(response.status).toBe(expected);
  if (expected >= 400) {
    expect(response.contentType).toContain('application/problem+json');
    // A refusal tells nothing about the record, and another office's looks like no record.
    const { instance: _path, ...problem } = response.body;
    expect(JSON.stringify(problem)).not.toMatch(/notes|safety|risk-level|reasons|municipal/i);
    if (expected === 404 && path.startsWith('/care-records/'))
      expect(problem.code).toBe('care-record.not-found');
  }
});
