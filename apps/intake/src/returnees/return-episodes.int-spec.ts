import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseClosedV1,
  caseStatusChangedV1,
  episodeOpenedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, TopicRecorder } from '@reintegra/testing';
import {
  caseFlowTokens,
  ELSEWHERE,
  eventsOf,
  HOME,
  httpClient,
  moveCase,
  newPerson,
  stateOf,
  typesOf,
} from '../testing/case-flow-fixtures';
import { startIntakeForTest } from '../testing/intake-test-app';

/** A person who returns again: a new episode on the same record, the earlier case closed. */
const stack = currentTestStack();
let app: INestApplication;
let recorder: TopicRecorder;
let call: ReturnType<typeof httpClient>;
let tokens: Awaited<ReturnType<typeof caseFlowTokens>>;

const secondReturn = {
  returnDate: '2026-10-02',
  countryReturnedFrom: 'MX',
  receptionPoint: 'frontera-la-hachadura',
  municipalityCode: HOME,
  districtCode: `${HOME}/ZACATECOLUCA`,
};

async function registered(overrides: Record<string, unknown> = {}) {
  const person = newPerson(overrides);
  const reply = await call('POST', '/returnees', tokens.officer, person);
  expect(reply.status).toBe(201);
  return {
    person,
    returneeId: reply.body['returneeId'] as string,
    caseId: reply.body['caseId'] as string,
  };
}

beforeAll(async () => {
  tokens = await caseFlowTokens();
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeReturnees]);
  await recorder.start();
  let url: string;
  ({ app, url } = await startIntakeForTest());
  call = httpClient(url);
});

afterAll(async () => {
  await recorder?.stop();
  await app?.close();
});

describe('a second return of a registered person', () => {
  it('opens episode 2 on the same record, closes the open case as re-migrated by the system, and publishes both', async () => {
    const first = await registered();
    await moveCase(app, first.caseId, 'assessed');

    const opened = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.officer,
      secondReturn,
    );
    expect(opened.status).toBe(201);
    const caseId = opened.body['caseId'] as string;
    expect(opened.body).toMatchObject({
      returneeId: first.returneeId,
      episodeNumber: 2,
      previousCaseId: first.caseId,
      closedCaseIds: [first.caseId],
      minor: false,
    });
    expect(opened.headers.get('location')).toBe(`/cases/${caseId}`);

    const episodes = await app
      .get(DataSource)
      .query(
        'SELECT id, episode_number, status, closure_reason FROM return_episodes WHERE returnee_id = $1 ORDER BY episode_number',
        [first.returneeId],
      );
    expect(episodes).toEqual([
      { id: first.caseId, episode_number: 1, status: 'closed', closure_reason: 're-migrated' },
      { id: caseId, episode_number: 2, status: 'open', closure_reason: null },
    ]);

    const newCase = await eventually(() => {
      const events = eventsOf(recorder.messages, caseId);
      expect(events).toHaveLength(1);
      return events[0];
    });
    expect(newCase).toMatchObject({
      type: episodeOpenedV1.type,
      subject: caseId,
      data: {
        caseId,
        returneeId: first.returneeId,
        episodeNumber: 2,
        previousCaseId: first.caseId,
        municipalityCode: HOME,
        districtCode: secondReturn.districtCode,
        returnDate: secondReturn.returnDate,
        countryReturnedFrom: 'MX',
        minor: false,
      },
    });
    const previous = await eventually(() => {
      const events = eventsOf(recorder.messages, first.caseId);
      expect(typesOf(events)).toEqual([
        returneeRegisteredV1.type,
        caseStatusChangedV1.type, // the fixture's move to assessed
        caseStatusChangedV1.type,
        caseClosedV1.type,
      ]);
      return events;
    });
    expect(previous[2]).toMatchObject({
      actor: 'system:intake',
      correlationid: newCase?.correlationid,
      data: { from: 'assessed', to: 'closed', reasonCode: 're-migrated' },
    });
    expect(previous[3]).toMatchObject({
      actor: 'system:intake',
      correlationid: newCase?.correlationid,
      data: { caseId: first.caseId, reason: 're-migrated', approvedBy: 'system:intake' },
    });
    // Ids and codes only on the bus.
    for (const message of recorder.messages.filter((m) => m.key === caseId)) {
      expect(message.value).not.toContain(first.person.lastNames);
      expect(message.value).not.toContain(first.person.dui);
    }

    const audit = await app
      .get(DataSource)
      .query(
        'SELECT actor, action, case_id, related_id, reason_code FROM audit_log WHERE case_id = $1',
        [first.caseId],
      );
    expect(audit).toEqual([
      {
        actor: 'system:intake',
        action: 'case.closed',
        case_id: first.caseId,
        related_id: caseId,
        reason_code: 're-migrated',
      },
    ]);
  });

  it('numbers a third return 3 and closes only the case still open', async () => {
    const first = await registered();
    const second = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.officer,
      secondReturn,
    );
    const third = await call('POST', `/returnees/${first.returneeId}/episodes`, tokens.officer, {
      ...secondReturn,
      returnDate: '2026-11-01',
    });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({
      episodeNumber: 3,
      previousCaseId: second.body['caseId'],
      closedCaseIds: [second.body['caseId']],
    });
  });

  it('answers a duplicate DUI registration with a link to open a new episode instead', async () => {
    const first = await registered();
    const again = await call('POST', '/returnees', tokens.officer, {
      ...first.person,
      returnDate: '2026-10-02',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'returnee.duplicate-dui',
      existing: `/returnees/${first.returneeId}`,
      links: {
        returnee: `/returnees/${first.returneeId}`,
        newEpisode: `/returnees/${first.returneeId}/episodes`,
      },
    });
  });

  it('refuses a return that is not after the latest one, an invalid body, an unknown person, writing nothing', async () => {
    const first = await registered();
    const before = await stateOf(app, { returneeIds: [first.returneeId], caseIds: [first.caseId] });

    const sameDay = await call('POST', `/returnees/${first.returneeId}/episodes`, tokens.officer, {
      ...secondReturn,
      returnDate: first.person.returnDate,
    });
    expect(sameDay.status).toBe(409);
    expect(sameDay.body).toMatchObject({
      code: 'episode.return-not-after-previous',
      previousReturnDate: first.person.returnDate,
    });

    const invalid = await call('POST', `/returnees/${first.returneeId}/episodes`, tokens.officer, {
      ...secondReturn,
      districtCode: 'SV-SS-SAN-SALVADOR-CENTRO/SAN-SALVADOR',
      countryReturnedFrom: 'Mexico',
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toEqual(
      expect.arrayContaining(['districtCode', 'countryReturnedFrom']),
    );

    const unknown = await call(
      'POST',
      `/returnees/${randomUUID()}/episodes`,
      tokens.officer,
      secondReturn,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'returnee.not-found' });

    expect(
      await stateOf(app, { returneeIds: [first.returneeId], caseIds: [first.caseId] }),
    ).toEqual(before);
  });

  it('lets officers (and national supervisors) open episodes only in their municipality', async () => {
    const first = await registered();
    const before = await stateOf(app, { returneeIds: [first.returneeId], caseIds: [first.caseId] });
    const supervisor = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.supervisor,
      secondReturn,
    );
    expect(supervisor.status).toBe(403);
    expect(supervisor.body).toMatchObject({ code: 'auth.role-not-allowed' });
    const caseworker = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.caseworker,
      secondReturn,
    );
    expect(caseworker.status).toBe(403);
    const elsewhere = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.officerElsewhere,
      secondReturn,
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'auth.outside-municipality' });
    const anonymous = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      '',
      secondReturn,
    );
    expect(anonymous.status).toBe(401);
    expect(
      await stateOf(app, { returneeIds: [first.returneeId], caseIds: [first.caseId] }),
    ).toEqual(before);

    // The person moved: the office where they now live opens the episode there.
    const moved = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.officerElsewhere,
      {
        ...secondReturn,
        municipalityCode: ELSEWHERE,
        districtCode: undefined,
      },
    );
    expect(moved.status).toBe(201);
    const national = await call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      tokens.national,
      {
        ...secondReturn,
        returnDate: '2026-11-15',
      },
    );
    expect(national.status).toBe(201);
    expect(national.body).toMatchObject({ episodeNumber: 3 });
  });
});

describe('reading a person', () => {
  it('shows the person with every episode; contact details only to the intake officer', async () => {
    const first = await registered({ contact: { phone: '+503 7000-1234' } });
    await call('POST', `/returnees/${first.returneeId}/episodes`, tokens.officer, secondReturn);

    const byOfficer = await call('GET', `/returnees/${first.returneeId}`, tokens.officer);
    expect(byOfficer.status).toBe(200);
    expect(byOfficer.body).toMatchObject({
      id: first.returneeId,
      dui: first.person.dui,
      lastNames: first.person.lastNames,
      contact: { phone: '+503 7000-1234', email: null },
      links: { episodes: `/returnees/${first.returneeId}/episodes` },
    });
    expect(byOfficer.body['episodes']).toEqual([
      expect.objectContaining({
        caseId: first.caseId,
        episodeNumber: 1,
        status: 'closed',
        closureReason: 're-migrated',
      }),
      expect.objectContaining({ episodeNumber: 2, status: 'open', links: expect.any(Object) }),
    ]);

    const bySupervisor = await call('GET', `/returnees/${first.returneeId}`, tokens.supervisor);
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body).not.toHaveProperty('contact');
    expect(JSON.stringify(bySupervisor.body)).not.toContain('7000-1234');
  });

  it('keeps a person to the municipalities where they returned and to the office roles', async () => {
    const first = await registered();
    expect(
      (await call('GET', `/returnees/${first.returneeId}`, tokens.supervisorElsewhere)).status,
    ).toBe(403);
    expect((await call('GET', `/returnees/${first.returneeId}`, tokens.caseworker)).status).toBe(
      403,
    );
    expect((await call('GET', `/returnees/${first.returneeId}`, tokens.national)).status).toBe(200);
    expect((await call('GET', `/returnees/${randomUUID()}`, tokens.officer)).status).toBe(404);
  });
});
