import { randomUUID } from 'node:crypto';
import { type MatrixRow, PLATFORM_ROWS, runAccessMatrix } from '@reintegra/testing';
import { PartnerTestBed } from './testing/partner-test-bed';

/**
 * Who may call what at the gateway: the registry, audit and statistics are for `admin` alone
 * (national: municipality and organisation play no part); an agency's own routes are for the
 * agency itself, here by bearer token (role `partner`, organisation = the agency id; its token's
 * municipality plays no part). Staff roles are refused there (403), and so is a partner token of
 * an organisation that is no registered agency (403 agency.unknown). The catalogue is public.
 */
const bed = new PartnerTestBed();
let agencyId: string;
let subscriptionId: string;

async function admin(method: string, path: string, body: unknown, status: number) {
  const reply = await bed.admin(method, path, body);
  expect({ path, status: reply.status, text: reply.text }).toMatchObject({ status });
  return reply.body;
}
/** A webhook subscription (an agency may have several; one Kafka stream only). No event is sent. */
const subscription = () => ({
  eventTypes: ['sv.reintegra.partner.case-opened.v1'],
  channel: 'webhook',
  webhookUrl: `http://127.0.0.1:9/matriz-${randomUUID().slice(0, 8)}`,
});
const newSubscription = async () =>
  (await admin('POST', `/admin/agencies/${agencyId}/subscriptions`, subscription(), 201))[
    'id'
  ] as string;

const ADMIN = { admin: 200 } as const;
/** The agency's own partner token, in whatever municipality; another organisation's: no agency. */
const agency = (status: number) => ({ partner: [status, status, 403] }) as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'GET /catalogue', request: () => ({ path: '/catalogue' }), publicStatus: 200 },
  { route: 'GET /catalogue/asyncapi.json', request: () => ({ path: '/catalogue/asyncapi.json' }), publicStatus: 200 },
  { route: 'POST /admin/agencies', request: () => ({ path: '/admin/agencies', body: { id: `matrix-${randomUUID().slice(0, 8)}-${bed.run}`, name: 'Agencia', category: 'ngo' } }), allow: { admin: 201 } },
  { route: 'GET /admin/agencies', request: () => ({ path: '/admin/agencies' }), allow: ADMIN },
  { route: 'GET /admin/agencies/:agencyId', request: () => ({ path: `/admin/agencies/${agencyId}` }), allow: ADMIN },
  { route: 'POST /admin/agencies/:agencyId/api-keys', request: () => ({ path: `/admin/agencies/${agencyId}/api-keys`, body: { label: 'matriz' } }), allow: { admin: 201 } },
  { route: 'POST /admin/agencies/:agencyId/api-keys/:keyId/revocation', request: async () => ({ path: `/admin/agencies/${agencyId}/api-keys/${(await admin('POST', `/admin/agencies/${agencyId}/api-keys`, { label: 'a revocar' }, 201))['keyId'] as string}/revocation` }), allow: { admin: 204 } },
  { route: 'POST /admin/agencies/:agencyId/subscriptions', request: () => ({ path: `/admin/agencies/${agencyId}/subscriptions`, body: subscription() }), allow: { admin: 201 } },
  { route: 'GET /admin/agencies/:agencyId/subscriptions', request: () => ({ path: `/admin/agencies/${agencyId}/subscriptions` }), allow: ADMIN },
  { route: 'POST /admin/subscriptions/:subscriptionId/deactivation', request: async () => ({ path: `/admin/subscriptions/${await newSubscription()}/deactivation` }), allow: ADMIN },
  { route: 'GET /admin/subscriptions/:subscriptionId/deliveries', request: () => ({ path: `/admin/subscriptions/${subscriptionId}/deliveries` }), allow: ADMIN },
  { route: 'POST /admin/subscriptions/:subscriptionId/dead-letters/redrive', request: () => ({ path: `/admin/subscriptions/${subscriptionId}/dead-letters/redrive` }), allow: ADMIN },
  { route: 'GET /admin/statistics', request: () => ({ path: '/admin/statistics' }), allow: ADMIN },
  { route: 'GET /admin/audit', request: () => ({ path: '/admin/audit' }), allow: ADMIN },
  { route: 'GET /admin/audit/anonymous-refusals', request: () => ({ path: '/admin/audit/anonymous-refusals' }), allow: ADMIN },
  { route: 'GET /agency', request: () => ({ path: '/agency' }), allow: agency(200) },
  { route: 'GET /agency/subscriptions', request: () => ({ path: '/agency/subscriptions' }), allow: agency(200) },
  { route: 'POST /agency/subscriptions', request: () => ({ path: '/agency/subscriptions', body: subscription() }), allow: agency(201) },
  { route: 'POST /agency/subscriptions/:subscriptionId/deactivation', request: async () => ({ path: `/agency/subscriptions/${await newSubscription()}/deactivation` }), allow: agency(200) },
  { route: 'GET /agency/subscriptions/:subscriptionId/deliveries', request: () => ({ path: `/agency/subscriptions/${subscriptionId}/deliveries` }), allow: agency(200) },
  { route: 'POST /agency/subscriptions/:subscriptionId/replays', request: () => ({ path: `/agency/subscriptions/${subscriptionId}/replays`, body: { from: new Date(Date.now() - 3_600_000).toISOString() } }), allow: agency(202) },
  { route: 'GET /agency/statistics', request: () => ({ path: '/agency/statistics' }), allow: agency(200) },
];

beforeAll(async () => {
  await bed.start();
  ({ id: agencyId } = await bed.agency('matriz', 'ngo'));
  subscriptionId = await newSubscription();
}, 90_000);

afterAll(() => bed.stop());

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: bed.app,
    url: bed.url,
    organisation: agencyId,
    otherOrganisation: `matrix-no-agency-${bed.run}`,
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 120_000);
