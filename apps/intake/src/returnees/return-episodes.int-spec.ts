import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseClosedV1,
  caseStatusChangedV1,
  episodeOpenedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { generateArrivalList } from '@reintegra/demo-data';
import { eventually } from '@reintegra/testing';
import {
  ELSEWHERE,
  eventsOf,
  HOME,
  moveCase,
  stateOf,
  typesOf,
  registerPerson,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';

/** A person who returns again: a new episode on the same record, the earlier case closed. */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);

const secondReturn = {
  returnDate: '2026-10-02',
  countryReturnedFrom: 'MX',
  receptionPoint: 'frontera-la-hachadura',
  municipalityCode: HOME,
  districtCode: `${HOME}/ZACATECOLUCA`,
};

describe('a second return of a registered person', () => {
  it('opens episode 2 on the same record, closes the open case as re-migrated by the system, and publishes both', async () => {
    const first = await registerPerson(intake);
    await moveCase(intake.app, first.caseId, 'assessed');

    const opened = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
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

    const episodes = await intake.app
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
      const events = eventsOf(intake.recorder.messages, caseId);
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
      const events = eventsOf(intake.recorder.messages, first.caseId);
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
    for (const message of intake.recorder.messages.filter((m) => m.key === caseId)) {
      expect(message.value).not.toContain(first.person.lastNames);
      expect(message.value).not.toContain(first.person.dui);
    }

    const audit = await intake.app
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

  it('marks the arrival-list entry of the new return registered, once', async () => {
    const first = await registerPerson(intake);
    const [row] = generateArrivalList({
      seed: randomUUID(),
      arrivalDate: secondReturn.returnDate,
      size: 1,
      tripNumber: `T${randomUUID().slice(0, 8).toUpperCase()}`,
    });
    const imported = await intake.call('POST', '/arrival-lists', intake.tokens.officer, {
      rows: [{ ...row, municipalityCode: HOME }],
    });
    expect(imported.status).toBe(201);
    const entries = await intake.call(
      'GET',
      `/arrival-lists/${imported.body['id'] as string}/entries`,
      intake.tokens.officer,
    );
    const entryId = (entries.body['items'] as Array<{ id: string }>)[0]?.id;
    const opened = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      { ...secondReturn, arrivalEntryId: entryId },
    );
    expect(opened.status).toBe(201);
    const [entry] = await intake.app
      .get(DataSource)
      .query('SELECT status, returnee_id FROM arrival_entries WHERE id = $1', [entryId]);
    expect(entry).toEqual({ status: 'registered', returnee_id: first.returneeId });

    const again = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      { ...secondReturn, returnDate: '2026-11-02', arrivalEntryId: entryId },
    );
    expect(again.status).toBe(409);
    expect(again.body['code']).toBe('arrival-entry.already-registered');
    const episodes = await intake.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM return_episodes WHERE returnee_id = $1', [
        first.returneeId,
      ]);
    expect(episodes).toEqual([{ n: 2 }]);
  });

  it('numbers a third return 3 and closes only the case still open', async () => {
    const first = await registerPerson(intake);
    const second = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      secondReturn,
    );
    const third = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      {
        ...secondReturn,
        returnDate: '2026-11-01',
      },
    );
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({
      episodeNumber: 3,
      previousCaseId: second.body['caseId'],
      closedCaseIds: [second.body['caseId']],
    });
  });

  it('answers a duplicate DUI registration with a link to open a new episode instead', async () => {
    const first = await registerPerson(intake);
    const again = await intake.call('POST', '/returnees', intake.tokens.officer, {
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
    const first = await registerPerson(intake);
    const before = await stateOf(intake.app, {
      returneeIds: [first.returneeId],
      caseIds: [first.caseId],
    });

    const sameDay = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      {
        ...secondReturn,
        returnDate: first.person.returnDate,
      },
    );
    expect(sameDay.status).toBe(409);
    expect(sameDay.body).toMatchObject({
      code: 'episode.return-not-after-previous',
      previousReturnDate: first.person.returnDate,
    });

    const invalid = await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      {
        ...secondReturn,
        districtCode: 'SV-SS-SAN-SALVADOR-CENTRO/SAN-SALVADOR',
        countryReturnedFrom: 'Mexico',
      },
    );
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toEqual(
      expect.arrayContaining(['districtCode', 'countryReturnedFrom']),
    );

    const unknown = await intake.call(
      'POST',
      `/returnees/${randomUUID()}/episodes`,
      intake.tokens.officer,
      secondReturn,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'returnee.not-found' });

    expect(
      await stateOf(intake.app, { returneeIds: [first.returneeId], caseIds: [first.caseId] }),
    ).toEqual(before);
  });

  it('lets officers (and national supervisors) open episodes only in their municipality', async () => {
    const first = await registerPerson(intake);
    const ids = { returneeIds: [first.returneeId], caseIds: [first.caseId] };
    const before = await stateOf(intake.app, ids);
    const open = (token: string, body: Record<string, unknown> = secondReturn) =>
      intake.call('POST', `/returnees/${first.returneeId}/episodes`, token, body);
    for (const [token, status, code] of [
      [intake.tokens.supervisor, 403, 'auth.role-not-allowed'],
      [intake.tokens.caseworker, 403, 'auth.role-not-allowed'],
      [intake.tokens.officerElsewhere, 403, 'auth.outside-municipality'],
      ['', 401, 'auth.unauthenticated'],
    ] as const) {
      const refused = await open(token);
      expect([refused.status, refused.body['code']]).toEqual([status, code]);
    }
    expect(await stateOf(intake.app, ids)).toEqual(before);

    // The person moved: the office where they now live opens the episode there.
    const moved = await open(intake.tokens.officerElsewhere, {
      ...secondReturn,
      municipalityCode: ELSEWHERE,
      districtCode: undefined,
    });
    expect(moved.status).toBe(201);
    const national = await open(intake.tokens.national, {
      ...secondReturn,
      returnDate: '2026-11-15',
    });
    expect(national.status).toBe(201);
    expect(national.body).toMatchObject({ episodeNumber: 3 });
  });
});

describe('reading a person', () => {
  it('shows the person with every episode; contact details only to the intake officer', async () => {
    const first = await registerPerson(intake, { contact: { phone: '+503 7000-1234' } });
    await intake.call(
      'POST',
      `/returnees/${first.returneeId}/episodes`,
      intake.tokens.officer,
      secondReturn,
    );

    const byOfficer = await intake.call(
      'GET',
      `/returnees/${first.returneeId}`,
      intake.tokens.officer,
    );
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

    const bySupervisor = await intake.call(
      'GET',
      `/returnees/${first.returneeId}`,
      intake.tokens.supervisor,
    );
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body).not.toHaveProperty('contact');
    expect(JSON.stringify(bySupervisor.body)).not.toContain('7000-1234');
  });

  it('keeps a person to the municipalities where they returned and to the office roles', async () => {
    const first = await registerPerson(intake);
    expect(
      (
        await intake.call(
          'GET',
          `/returnees/${first.returneeId}`,
          intake.tokens.supervisorElsewhere,
        )
      ).status,
    ).toBe(403);
    expect(
      (await intake.call('GET', `/returnees/${first.returneeId}`, intake.tokens.caseworker)).status,
    ).toBe(403);
    expect(
      (await intake.call('GET', `/returnees/${first.returneeId}`, intake.tokens.national)).status,
    ).toBe(200);
    expect(
      (await intake.call('GET', `/returnees/${randomUUID()}`, intake.tokens.officer)).status,
    ).toBe(404);
  });
});
