import { randomUUID } from 'node:crypto';
import { CommunityTestBed, isoDaysFromNow } from './testing/community-test-bed';

/** What another municipality's facilitator and a co-facilitator see, beyond the status codes. */
const bed = new CommunityTestBed();
let activityId: string;
let sessionId: string;
let participantId: string;
let proposalId: string;

beforeAll(async () => {
  await bed.start();
  activityId = await bed.newActivity();
  sessionId = await bed.session(activityId, isoDaysFromNow(-1), true);
  participantId = await bed.newResident();
  await bed.join(activityId, { participantId });
  const proposal = await bed.as('facilitator')('POST', `/activities/${activityId}/proposals`, {
    title: 'Taller de murales',
  });
  proposalId = proposal.body['id'] as string;
}, 120_000);
afterAll(() => bed.stop());

describe('scope beyond the role (every route × role: community-inclusion.access-matrix.int-spec)', () => {
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
