import { randomUUID } from 'node:crypto';
import {
  activityChangedV1,
  type ActivityChangedV1,
  consentWithdrawnV1,
  participationMilestoneV1,
  type ParticipationMilestoneV1,
  referralStatusChangedV1,
  type ReferralStatusChangedV1,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import { CommunityTestBed, isoDaysFromNow, type Json } from './testing/community-test-bed';

/** Community inclusion in-process against the real PostgreSQL and Kafka. */
const bed = new CommunityTestBed();
const facilitator = (method: string, path: string, body?: unknown) =>
  bed.as('facilitator')(method, path, body);

beforeAll(() => bed.start(), 120_000);
afterAll(() => bed.stop());

const statuses = (referralId: string) =>
  bed
    .recorded<ReferralStatusChangedV1>(
      referralStatusChangedV1.type,
      (d) => d.referralId === referralId,
    )
    .map((event) => event.data.status);

/** Six weekly sessions in the past, everyone in `present` marked present, the others absent. */
async function sixWeeks(activityId: string, everyone: string[], present: string[]) {
  for (let week = 6; week >= 1; week -= 1) {
    const sessionId = await bed.session(activityId, isoDaysFromNow(-7 * week));
    const reply = await facilitator('POST', `/sessions/${sessionId}/attendance`, {
      marks: everyone.map((participantId) => ({
        markId: randomUUID(),
        participantId,
        present: present.includes(participantId),
      })),
    });
    expect(reply.status).toBe(200);
  }
}

describe('a community referral in the reintegration path', () => {
  it('ends in an activity (accepted), is in progress at first attendance and completes after sustained participation', async () => {
    const activityId = await bed.newActivity();
    const { caseId, referralId } = await bed.referToCommunity();
    const queue = await facilitator('GET', '/referrals');
    expect(queue.body.map((r: Json) => r['id'])).toContain(referralId);

    const membership = await bed.join(activityId, { caseId, referralId });
    expect(membership['status']).toBe('active');
    await eventually(() => expect(statuses(referralId)).toEqual(['accepted']));
    await eventually(() =>
      expect(
        bed
          .recorded<ActivityChangedV1>(activityChangedV1.type, (d) => d.activityId === activityId)
          .map((event) => [event.data.change, event.data.seatsTaken]),
      ).toEqual([
        ['opened', 0],
        ['updated', 1],
      ]),
    );

    const participantId = membership['participantId'] as string;
    await sixWeeks(activityId, [participantId], [participantId]);
    await eventually(() =>
      expect(statuses(referralId)).toEqual(['accepted', 'in-progress', 'completed']),
    );
    const milestones = bed
      .recorded<ParticipationMilestoneV1>(participationMilestoneV1.type, (d) => d.caseId === caseId)
      .map((event) => event.data);
    expect(milestones.map((m) => m.milestone)).toEqual(['joined', 'first-attendance', 'sustained']);
    expect(milestones[2]).toMatchObject({
      ruleVersion: '2026-12',
      attendedSessions: 6,
      eligibleSessions: 6,
    });

    const standing = await facilitator('GET', `/activities/${activityId}/participation`);
    expect(standing.body['sustained']).toBe(1);
    expect((standing.body['people'] as Json[])[0]).toMatchObject({
      currentStreak: 6,
      sustained: true,
    });
  });

  it('refuses a returnee without consent, and a referral addressed to another organisation', async () => {
    const activityId = await bed.newActivity();
    const noConsent = await facilitator('POST', `/activities/${activityId}/participants`, {
      caseId: randomUUID(),
    });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body['code']).toBe('participant.consent-missing');
    const other = await bed.newActivity({ providerId: `otra-org-${bed.run}` });
    const { caseId, referralId } = await bed.referToCommunity();
    const wrong = await facilitator('POST', `/activities/${other}/participants`, {
      caseId,
      referralId,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body['code']).toBe('referral.other-provider');
  });

  it('keeps no DUI and no intake data for a resident (a DUI field is refused)', async () => {
    const withDui = await facilitator('POST', '/participants', {
      origin: 'resident',
      displayName: 'Doña Rosa',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      dui: '04567890-3',
      consent: { formVersion: 'comunidad-2026-12', purposes: ['participation'] },
    });
    expect(withDui.status).toBe(400);
    const residentId = await bed.newResident({ displayName: 'Doña Rosa' });
    const [row] = (await bed.db.query(
      `SELECT to_jsonb(p) AS row FROM participants p WHERE id = $1`,
      [residentId],
    )) as { row: Json }[];
    expect(Object.keys(row.row).sort()).toEqual(
      [
        'age_band',
        'case_id',
        'created_at',
        'display_name',
        'erased_at',
        'id',
        'municipality_code',
        'neighbourhood',
        'origin',
        'sex',
      ].sort(),
    );
    expect(row.row['case_id']).toBeNull();
    expect(JSON.stringify(row.row)).not.toContain('04567890');
    const columns = (await bed.db.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public'`,
    )) as { name: string }[];
    expect(
      columns
        .map((c) => c.name)
        .filter((n) => /dui|first_name|last_name|date_of_birth|phone/.test(n)),
    ).toEqual([]);
  });

  it('a survivor referred to recreation is enrolled like anyone else: no table or topic reveals victim support', async () => {
    const activityId = await bed.newActivity({ kind: 'recreation' });
    const { caseId, referralId } = await bed.referToCommunity({
      reasonCode: 'victim-support-recreation',
    });
    await bed.join(activityId, { caseId, referralId });
    await eventually(() => expect(statuses(referralId)).toEqual(['accepted']));
    const tables = await bed.everyTableAsText();
    expect(tables).toContain(referralId);
    expect(tables).not.toMatch(/victim|survivor|sobreviviente|víctima/i);
    const published = bed.recorder.messages
      .map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`)
      .join('\n');
    expect(published).toContain(referralId);
    expect(published).not.toMatch(/victim|survivor|sobreviviente|víctima/i);
  });

  it('records 40 attendance marks sent twice (an offline queue replayed) once', async () => {
    const activityId = await bed.newActivity({ capacity: 45 });
    const people: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const id = await bed.newResident();
      await bed.join(activityId, { participantId: id });
      people.push(id);
    }
    const sessionId = await bed.session(activityId, isoDaysFromNow(-1));
    const sheet = {
      marks: people.map((participantId, i) => ({
        markId: randomUUID(),
        participantId,
        present: i % 4 !== 0,
        markedAt: new Date().toISOString(),
      })),
    };
    const first = await facilitator('POST', `/sessions/${sessionId}/attendance`, sheet);
    expect(first.body).toMatchObject({ marks: 40, recorded: 40, alreadyRecorded: 0 });
    const replay = await facilitator('POST', `/sessions/${sessionId}/attendance`, sheet);
    expect(replay.body).toMatchObject({ marks: 40, recorded: 0, alreadyRecorded: 40 });
    const [{ n, present }] = (await bed.db.query(
      `SELECT count(*)::int AS n, (count(*) FILTER (WHERE present))::int AS present FROM attendance WHERE session_id = $1`,
      [sessionId],
    )) as { n: number; present: number }[];
    expect({ n, present }).toEqual({ n: 40, present: 30 });
  });

  it('lists people dropping off after three missed sessions', async () => {
    const activityId = await bed.newActivity();
    const steady = await bed.newResident();
    const fading = await bed.newResident();
    await bed.join(activityId, { participantId: steady });
    await bed.join(activityId, { participantId: fading });
    for (let week = 4; week >= 1; week -= 1) {
      const sessionId = await bed.session(activityId, isoDaysFromNow(-7 * week));
      await facilitator('POST', `/sessions/${sessionId}/attendance`, {
        marks: [
          { markId: randomUUID(), participantId: steady, present: true },
          { markId: randomUUID(), participantId: fading, present: week === 4 },
        ],
      });
    }
    const list = await facilitator('GET', `/activities/${activityId}/drop-offs`);
    expect((list.body['people'] as Json[]).map((p) => p['participantId'])).toEqual([fading]);
    expect((list.body['people'] as Json[])[0]).toMatchObject({
      trailingAbsences: 3,
      currentStreak: 0,
    });
  });

  it('counts a co-design vote once and reports returnee and resident shares (small groups suppressed)', async () => {
    const activityId = await bed.newActivity();
    const residents = [] as string[];
    for (let i = 0; i < 5; i += 1) {
      residents.push(await bed.newResident());
      await bed.join(activityId, { participantId: residents[i] });
    }
    const proposal = await facilitator('POST', `/activities/${activityId}/proposals`, {
      title: 'Mural en la cancha',
      proposedBy: residents[0],
    });
    expect(proposal.status).toBe(201);
    const proposalId = proposal.body['id'] as string;
    const vote = { voteId: randomUUID(), participantId: residents[0] };
    expect((await facilitator('POST', `/proposals/${proposalId}/votes`, vote)).body['votes']).toBe(
      1,
    );
    expect((await facilitator('POST', `/proposals/${proposalId}/votes`, vote)).body['votes']).toBe(
      1,
    );
    const again = await facilitator('POST', `/proposals/${proposalId}/votes`, {
      ...vote,
      voteId: randomUUID(),
    });
    expect(again.status).toBe(409);
    for (const participantId of residents.slice(1))
      await facilitator('POST', `/proposals/${proposalId}/votes`, {
        voteId: randomUUID(),
        participantId,
      });
    const { caseId } = await bed.referToCommunity();
    const returnee = await bed.join(activityId, { caseId });
    await facilitator('POST', `/proposals/${proposalId}/votes`, {
      voteId: randomUUID(),
      participantId: returnee['participantId'],
    });
    const report = await bed.as('supervisor')('GET', `/activities/${activityId}/co-design-report`);
    expect(report.status).toBe(200);
    expect(report.body['voters']).toBe(6);
    expect(report.body['returnees']).toEqual({ voters: null, share: null, suppressed: true });
    expect(report.body['hostCommunity']).toMatchObject({ suppressed: true });
    expect((report.body['proposals'] as Json[])[0]).toMatchObject({ votes: 6 });
    const decided = await facilitator('POST', `/proposals/${proposalId}/decision`, {
      decision: 'adopted',
    });
    expect(decided.body['status']).toBe('adopted');
  });

  it('aggregates pre/post pulse surveys and suppresses cells under 5', async () => {
    const activityId = await bed.newActivity();
    const people: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      people.push(await bed.newResident());
      await bed.join(activityId, { participantId: people[i] });
    }
    const answer = (participantId: string, wave: string, value: number) =>
      facilitator('POST', `/activities/${activityId}/survey-responses`, {
        participantId,
        questionnaireVersion: 'pulse-2026-12',
        wave,
        answers: { 'feels-part-of-community': value, 'trust-people-neighbourhood': value },
      });
    for (const id of people) expect((await answer(id, 'pre', 2)).status).toBe(201);
    for (const id of people.slice(0, 3)) expect((await answer(id, 'post', 4)).status).toBe(201);
    expect((await answer(people[0], 'pre', 3)).status).toBe(409);
    expect((await answer(people[0], 'post', 9)).status).toBe(400);
    const report = await bed.as('supervisor')('GET', `/outcomes?activityId=${activityId}`);
    expect(report.status).toBe(200);
    const belonging = (report.body['items'] as Json[]).find(
      (i) => i['itemId'] === 'feels-part-of-community',
    ) as Json;
    expect(belonging['source']).toMatch(/IOM/);
    expect(belonging['waves']).toEqual([
      { wave: 'pre', n: 6, mean: 2, suppressed: false },
      { wave: 'post', n: null, mean: null, suppressed: true },
    ]);
  });

  it('keeps reflection notes of a sensitive session to its named facilitators, out of events', async () => {
    const activityId = await bed.newActivity({ kind: 'dialogue-circle' });
    const sensitive = await bed.session(activityId, isoDaysFromNow(-2), true);
    const plain = await bed.session(activityId, isoDaysFromNow(-3));
    const secret = `historia-${randomUUID()}`;
    const written = await facilitator('POST', `/sessions/${sensitive}/reflection-notes`, {
      notes: secret,
    });
    expect(written.status).toBe(201);
    expect(
      (await facilitator('GET', `/sessions/${sensitive}/reflection-notes`)).body[0],
    ).toMatchObject({ notes: secret });
    expect(
      (await facilitator('POST', `/sessions/${plain}/reflection-notes`, { notes: 'x' })).status,
    ).toBe(422);
    for (const user of ['coFacilitator', 'admin', 'supervisor', 'otherFacilitator'])
      expect([403, 404]).toContain(
        (await bed.as(user)('GET', `/sessions/${sensitive}/reflection-notes`)).status,
      );
    const sessions = await facilitator('GET', `/activities/${activityId}/sessions`);
    expect(JSON.stringify(sessions.body)).not.toContain(secret);
    const outbox = (await bed.db.query(`SELECT payload::text AS p FROM outbox_messages`)) as {
      p: string;
    }[];
    expect(outbox.map((r) => r.p).join()).not.toContain(secret);
    const audit = (await bed.db.query(
      `SELECT action FROM reflection_audit WHERE session_id = $1 ORDER BY id`,
      [sensitive],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['write', 'read', 'refused', 'refused']);
    await expect(bed.db.query(`DELETE FROM reflection_audit`)).rejects.toThrow();
  });

  it('ends the place and answers the referral when intake says the consent is withdrawn', async () => {
    const activityId = await bed.newActivity();
    const { caseId, referralId, consentId } = await bed.referToCommunity();
    await bed.join(activityId, { caseId, referralId, ageBand: '25-34', sex: 'female' });
    await bed.send(consentWithdrawnV1, caseId, {
      consentId,
      caseId,
      purpose: 'service-referral',
      scope: 'community',
      formVersion: 'consent-2026-01',
      withdrawnAt: new Date().toISOString(),
    });
    await eventually(() => expect(statuses(referralId)).toEqual(['accepted', 'not-completed']));
    const [membership] = (await bed.db.query(
      `SELECT m.status, m.reason_code AS "reasonCode" FROM memberships m WHERE m.referral_id = $1`,
      [referralId],
    )) as Json[];
    expect(membership).toEqual({ status: 'withdrawn', reasonCode: 'consent-withdrawn' });
    const [participant] = (await bed.db.query(
      `SELECT age_band, sex, erased_at IS NOT NULL AS erased FROM participants WHERE case_id = $1`,
      [caseId],
    )) as Json[];
    expect(participant).toEqual({ age_band: null, sex: null, erased: true });
  });
});
