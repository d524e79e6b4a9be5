import { randomUUID } from 'node:crypto';
import { CommunityTestBed, isoDaysFromNow } from './testing/community-test-bed';

/** Per-role access for every route: 401 without a token, 403 for roles not named, 404 outside scope. */
const bed = new CommunityTestBed();
let activityId: string;
let sessionId: string;
let participantId: string;
let proposalId: string;
let membershipId: string;
let referralId: string;

beforeAll(async () => {
  await bed.start();
  activityId = await bed.newActivity();
  sessionId = await bed.session(activityId, isoDaysFromNow(-1), true);
  participantId = await bed.newResident();
  membershipId = (await bed.join(activityId, { participantId }))['id'] as string;
  const proposal = await bed.as('facilitator')('POST', `/activities/${activityId}/proposals`, {
    title: 'Taller de murales',
  });
  proposalId = proposal.body['id'] as string;
  ({ referralId } = await bed.referToCommunity());
}, 120_000);
afterAll(() => bed.stop());

const OUTSIDERS = ['intake', 'counsellor', 'education', 'partner'];
const routes = () => [
  { method: 'POST', path: '/activities', allowed: ['facilitator', 'admin'] },
  {
    method: 'GET',
    path: '/activities',
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
  {
    method: 'GET',
    path: `/activities/${activityId}`,
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
  { method: 'PATCH', path: `/activities/${activityId}`, allowed: ['facilitator', 'admin'] },
  { method: 'POST', path: '/participants', allowed: ['facilitator', 'admin'] },
  { method: 'GET', path: `/participants/${participantId}`, allowed: ['facilitator', 'admin'] },
  {
    method: 'POST',
    path: `/participants/${participantId}/consent-withdrawals`,
    allowed: ['facilitator', 'admin'],
  },
  {
    method: 'POST',
    path: `/activities/${activityId}/participants`,
    allowed: ['facilitator', 'admin'],
  },
  {
    method: 'GET',
    path: `/activities/${activityId}/participants`,
    allowed: ['facilitator', 'admin'],
  },
  {
    method: 'POST',
    path: `/memberships/${membershipId}/withdrawal`,
    allowed: ['facilitator', 'admin'],
  },
  { method: 'GET', path: '/referrals', allowed: ['facilitator', 'national', 'admin'] },
  { method: 'POST', path: `/referrals/${referralId}/decline`, allowed: ['facilitator', 'admin'] },
  { method: 'POST', path: `/activities/${activityId}/sessions`, allowed: ['facilitator', 'admin'] },
  { method: 'GET', path: `/activities/${activityId}/sessions`, allowed: ['facilitator', 'admin'] },
  { method: 'POST', path: `/sessions/${sessionId}/attendance`, allowed: ['facilitator', 'admin'] },
  {
    method: 'GET',
    path: `/activities/${activityId}/participation`,
    allowed: ['facilitator', 'admin'],
  },
  { method: 'GET', path: `/activities/${activityId}/drop-offs`, allowed: ['facilitator', 'admin'] },
  {
    method: 'GET',
    path: `/participants/${participantId}/participation`,
    allowed: ['facilitator', 'admin'],
  },
  { method: 'POST', path: `/sessions/${sessionId}/reflection-notes`, allowed: ['facilitator'] },
  { method: 'GET', path: `/sessions/${sessionId}/reflection-notes`, allowed: ['facilitator'] },
  {
    method: 'POST',
    path: `/activities/${activityId}/proposals`,
    allowed: ['facilitator', 'admin'],
  },
  {
    method: 'GET',
    path: `/activities/${activityId}/proposals`,
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
  {
    method: 'GET',
    path: `/activities/${activityId}/co-design-report`,
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
  { method: 'POST', path: `/proposals/${proposalId}/votes`, allowed: ['facilitator', 'admin'] },
  { method: 'POST', path: `/proposals/${proposalId}/decision`, allowed: ['facilitator', 'admin'] },
  { method: 'GET', path: '/surveys', allowed: ['facilitator', 'supervisor', 'national', 'admin'] },
  {
    method: 'GET',
    path: '/surveys/pulse-2026-12',
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
  {
    method: 'POST',
    path: `/activities/${activityId}/survey-responses`,
    allowed: ['facilitator', 'admin'],
  },
  {
    method: 'GET',
    path: `/outcomes?activityId=${activityId}`,
    allowed: ['facilitator', 'supervisor', 'national', 'admin'],
  },
];

describe('per-role access', () => {
  it('answers 401 without a token and 403 to every role a route does not name', async () => {
    for (const route of routes()) {
      expect([
        route.method,
        route.path,
        (
          await bed.call(
            route.method,
            route.path,
            undefined,
            route.method === 'GET' ? undefined : {},
          )
        ).status,
      ]).toEqual([route.method, route.path, 401]);
      const refused = ['facilitator', 'supervisor', 'national', 'admin', ...OUTSIDERS].filter(
        (user) => !route.allowed.includes(user),
      );
      for (const user of refused) {
        const reply = await bed.as(user)(
          route.method,
          route.path,
          route.method === 'GET' ? undefined : {},
        );
        expect([route.method, route.path, user, reply.status]).toEqual([
          route.method,
          route.path,
          user,
          403,
        ]);
      }
    }
  });

  it('lets every named role through (validation, not access, answers an empty body)', async () => {
    for (const route of routes()) {
      for (const user of route.allowed) {
        const reply = await bed.as(user)(
          route.method,
          route.path,
          route.method === 'GET' ? undefined : {},
        );
        expect([route.method, route.path, user, [401, 403].includes(reply.status)]).toEqual([
          route.method,
          route.path,
          user,
          false,
        ]);
      }
    }
  });

  it('hides another municipality: 404 for its activity, participant, session and proposal; 403 to open one there', async () => {
    const other = bed.as('otherFacilitator');
    for (const path of [
      `/activities/${activityId}`,
      `/activities/${activityId}/participants`,
      `/activities/${activityId}/participation`,
      `/participants/${participantId}`,
      `/sessions/${sessionId}/reflection-notes`,
      `/outcomes?activityId=${activityId}`,
    ])
      expect([path, (await other('GET', path)).status]).toEqual([path, 404]);
    expect(
      (
        await other('POST', `/proposals/${proposalId}/votes`, {
          voteId: randomUUID(),
          participantId,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await other('POST', `/sessions/${sessionId}/attendance`, {
          marks: [{ markId: randomUUID(), participantId, present: true }],
        })
      ).status,
    ).toBe(404);
    expect((await other('GET', '/activities')).body).toEqual([]);
    const there = await other('POST', '/activities', {
      providerId: 'x',
      kind: 'sport',
      title: 'Fútbol',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      publicSpace: 'Cancha',
      schedule: 'domingos',
      startsOn: isoDaysFromNow(0),
      capacity: 10,
    });
    expect(there.status).toBe(403);
    expect(there.body['code']).toBe('auth.outside-municipality');
  });

  it('lets a supervisor read an activity but not run it (403), and a co-facilitator run it but not read its notes', async () => {
    expect(
      (await bed.as('supervisor')('PATCH', `/activities/${activityId}`, { capacity: 50 })).status,
    ).toBe(403);
    expect(
      (await bed.as('coFacilitator')('PATCH', `/activities/${activityId}`, { capacity: 50 }))
        .status,
    ).toBe(200);
    expect(
      (await bed.as('coFacilitator')('GET', `/sessions/${sessionId}/reflection-notes`)).status,
    ).toBe(403);
  });
});
