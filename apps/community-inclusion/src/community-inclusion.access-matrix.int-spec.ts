import { randomUUID } from 'node:crypto';
import {
  MATRIX_HOME,
  matrixSubject,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
} from '@reintegra/testing';
import { CommunityTestBed, isoDaysFromNow, type Json } from './testing/community-test-bed';

/**
 * Who may call what in community inclusion: facilitators run the activities of their
 * municipality (another municipality's look like none: 404), answer only the referrals naming
 * their organisation, and only the facilitators named on an activity keep its reflection notes
 * (not even an admin); supervisors read their municipality's activities and aggregates; national
 * roles read everything and only admin runs.
 */
const bed = new CommunityTestBed();
const OTHER_ORG = `otra-org-${bed.run}`;
let activityId: string;
let participantId: string;
let sessionId: string;

const facilitator = (method: string, path: string, body?: unknown) =>
  bed.as('facilitator')(method, path, body);
async function created(reply: Promise<{ status: number; body: Json }>, status = 201) {
  const { status: actual, body } = await reply;
  expect({ actual, body }).toMatchObject({ actual: status });
  return body['id'] as string;
}

/** An activity of MATRIX_HOME that names the bed's facilitator and the matrix's own one. */
const newActivity = () =>
  bed.newActivity({
    providerId: bed.providerId,
    facilitators: [`facilitator-${bed.run}`, matrixSubject('community-facilitator', 'own')],
  });
const member = async () => {
  const id = await bed.newResident();
  return { id, membership: (await bed.join(activityId, { participantId: id }))['id'] as string };
};
const newSession = (activity = activityId) =>
  created(
    facilitator('POST', `/activities/${activity}/sessions`, {
      heldOn: isoDaysFromNow(-1),
      sensitive: true,
    }),
  );
const newProposal = () =>
  created(facilitator('POST', `/activities/${activityId}/proposals`, { title: 'Mural' }));

/** The activity's own facilitators and admin run it; another municipality's see nothing. */
const run = (status: number) =>
  ({ 'community-facilitator': [status, 404, status], admin: status }) as const;
const read = {
  'community-facilitator': [200, 404, 200],
  supervisor: [200, 404, 200],
  'national-supervisor': 200,
  admin: 200,
} as const;
const readers = {
  'community-facilitator': 200,
  supervisor: 200,
  'national-supervisor': 200,
  admin: 200,
} as const;
const activityBody = () => ({
  providerId: bed.providerId,
  kind: 'sport',
  title: 'Fútbol',
  municipalityCode: MATRIX_HOME,
  publicSpace: 'Cancha',
  schedule: 'domingos',
  startsOn: isoDaysFromNow(0),
  capacity: 10,
});
const residentBody = () => ({
  origin: 'resident',
  displayName: 'Vecina',
  ageBand: '25-34',
  sex: 'female',
  neighbourhood: 'Barrio El Centro',
  municipalityCode: MATRIX_HOME,
  consent: { formVersion: 'comunidad-2026-12', purposes: ['participation', 'survey'] },
});

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'POST /activities', request: () => ({ path: '/activities', body: activityBody() }), allow: { 'community-facilitator': [201, 403, 201], admin: 201 } },
  { route: 'GET /activities', request: () => ({ path: '/activities' }), allow: readers },
  { route: 'GET /activities/:id', request: () => ({ path: `/activities/${activityId}` }), allow: read },
  { route: 'PATCH /activities/:id', request: () => ({ path: `/activities/${activityId}`, body: { capacity: 60 } }), allow: run(200) },
  { route: 'POST /participants', request: () => ({ path: '/participants', body: residentBody() }), allow: { 'community-facilitator': [201, 403, 201], admin: 201 } },
  { route: 'GET /participants/:id', request: () => ({ path: `/participants/${participantId}` }), allow: run(200) },
  { route: 'POST /participants/:id/consent-withdrawals', request: async () => ({ path: `/participants/${await bed.newResident()}/consent-withdrawals`, body: { purpose: 'survey' } }), allow: run(200) },
  { route: 'POST /activities/:id/participants', request: async () => ({ path: `/activities/${activityId}/participants`, body: { participantId: await bed.newResident(), joinedOn: isoDaysFromNow(-1) } }), allow: run(201) },
  { route: 'GET /activities/:id/participants', request: () => ({ path: `/activities/${activityId}/participants` }), allow: run(200) },
  { route: 'POST /memberships/:id/withdrawal', request: async () => ({ path: `/memberships/${(await member()).membership}/withdrawal`, body: { reasonCode: 'moved-away' } }), allow: run(200) },
  { route: 'GET /referrals', request: () => ({ path: '/referrals' }), allow: { 'community-facilitator': 200, 'national-supervisor': 200, admin: 200 } },
  // Referrals name an organisation: its facilitators answer them, whatever municipality their token names.
  { route: 'POST /referrals/:id/decline', request: async () => ({ path: `/referrals/${(await bed.referToCommunity()).referralId}/decline`, body: { reasonCode: 'no-suitable-activity' } }), allow: { 'community-facilitator': [200, 200, 404], admin: 200 } },
  { route: 'POST /activities/:id/sessions', request: async () => ({ path: `/activities/${await newActivity()}/sessions`, body: { heldOn: isoDaysFromNow(-1) } }), allow: run(201) },
  { route: 'GET /activities/:id/sessions', request: () => ({ path: `/activities/${activityId}/sessions` }), allow: run(200) },
  { route: 'POST /sessions/:id/attendance', request: () => ({ path: `/sessions/${sessionId}/attendance`, body: { marks: [{ markId: randomUUID(), participantId, present: true }] } }), allow: run(200) },
  { route: 'GET /activities/:id/participation', request: () => ({ path: `/activities/${activityId}/participation` }), allow: run(200) },
  { route: 'GET /activities/:id/drop-offs', request: () => ({ path: `/activities/${activityId}/drop-offs` }), allow: run(200) },
  { route: 'GET /participants/:id/participation', request: () => ({ path: `/participants/${participantId}/participation` }), allow: run(200) },
  // Only the facilitators named on the activity: the matrix's own one is, its other-organisation one is not.
  { route: 'POST /sessions/:id/reflection-notes', request: async () => ({ path: `/sessions/${await newSession()}/reflection-notes`, body: { notes: 'Nota de reflexión' } }), allow: { 'community-facilitator': [201, 404, 403] } },
  { route: 'GET /sessions/:id/reflection-notes', request: () => ({ path: `/sessions/${sessionId}/reflection-notes` }), allow: { 'community-facilitator': [200, 404, 403] } },
  { route: 'POST /activities/:id/proposals', request: () => ({ path: `/activities/${activityId}/proposals`, body: { title: 'Taller de murales' } }), allow: run(201) },
  { route: 'GET /activities/:id/proposals', request: () => ({ path: `/activities/${activityId}/proposals` }), allow: read },
  { route: 'GET /activities/:id/co-design-report', request: () => ({ path: `/activities/${activityId}/co-design-report` }), allow: read },
  { route: 'POST /proposals/:id/votes', request: async () => ({ path: `/proposals/${await newProposal()}/votes`, body: { voteId: randomUUID(), participantId } }), allow: run(200) },
  { route: 'POST /proposals/:id/decision', request: async () => ({ path: `/proposals/${await newProposal()}/decision`, body: { decision: 'adopted' } }), allow: run(200) },
  { route: 'GET /surveys', request: () => ({ path: '/surveys' }), allow: readers },
  { route: 'GET /surveys/:version', request: () => ({ path: '/surveys/pulse-2026-12' }), allow: readers },
  { route: 'POST /activities/:id/survey-responses', request: async () => ({ path: `/activities/${activityId}/survey-responses`, body: { participantId: (await member()).id, questionnaireVersion: 'pulse-2026-12', wave: 'pre', answers: { 'feels-part-of-community': 3 } } }), allow: run(201) },
  { route: 'GET /outcomes', request: () => ({ path: `/outcomes?activityId=${activityId}` }), allow: read },
];

beforeAll(async () => {
  await bed.start();
  activityId = await newActivity();
  ({ id: participantId } = await member());
  sessionId = await newSession();
  await created(
    bed.as('facilitator')('POST', `/sessions/${sessionId}/reflection-notes`, { notes: 'Primera' }),
  );
}, 120_000);

afterAll(() => bed.stop());

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: bed.app,
    url: bed.url,
    organisation: bed.providerId,
    otherOrganisation: OTHER_ORG,
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 120_000);
