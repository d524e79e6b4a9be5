import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  attendanceAtRiskV1,
  cohortCapacityChangedV1,
  consentWithdrawnV1,
  createEvent,
  enrolmentStatusChangedV1,
  type EventEnvelope,
  parseEvent,
  referralRevokedV1,
  referralRoutedV1,
  referralStatusChangedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, testToken, TopicRecorder } from '@reintegra/testing';
import {
  educationReferralRequested,
  educationReferralRevoked,
  referralStatusIs as referralStatusIsOf,
  sendForCase as sendEventsForCase,
  startEducationEnrolment,
  type TestEducation,
} from './testing/education-enrolment-test-bed';

/** Education enrolment in-process against the real PostgreSQL and Kafka. */
const stack = currentTestStack();
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const OTHER_MUNICIPALITY = 'SV-SS-SAN-SALVADOR-CENTRO';
const run = randomUUID().slice(0, 8);
const providerId = `ce-zacatecoluca-${run}`;
const otherProviderId = `ong-otra-${run}`;
const elsewhereProviderId = `ce-san-salvador-${run}`;

let bed: TestEducation;
let url: string;
let db: DataSource;
let recorder: TopicRecorder;
const tokens: Record<string, string> = {};

type Json = Record<string, unknown>;

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: token } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

const staff = (method: string, path: string, body?: unknown) =>
  call(method, path, tokens['staff'], body);

const isoDaysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const birthForAge = (years: number) => {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() - 30);
  return date.toISOString().slice(0, 10);
};

const adultLearner = {
  dateOfBirth: birthForAge(25),
  lastGradeCompleted: 9,
  documents: ['dui', 'birth-certificate'],
};
const minorLearner = {
  dateOfBirth: birthForAge(17),
  lastGradeCompleted: 6,
  documents: ['birth-certificate'],
  guardian: { name: 'María Campos', relationship: 'madre' },
};

const referralRequested = educationReferralRequested;
const sendForCase = (caseId: string, topic: string, ...events: EventEnvelope[]) =>
  sendEventsForCase(bed.producer, caseId, topic, ...events);
const referralStatusIs = (referralId: string, status: string) =>
  referralStatusIsOf(bed.db, referralId, status);

/** A case referred to the providers through Kafka, waiting (received) for its learner profile. */
async function referredCase(providerIds = [providerId]) {
  const caseId = randomUUID();
  const referralId = randomUUID();
  await sendForCase(
    caseId,
    TOPICS.intakeReferrals,
    referralRequested(caseId, referralId, providerIds),
  );
  await referralStatusIs(referralId, 'received');
  return { caseId, referralId };
}

/**
 * A learner the tests place themselves: a profile may only be written for a case referred to the
 * caseworker's provider, so the case gets one, which intake revokes before the profile is recorded
 * (recording it then routes nothing; the referral stays in the provider's queue).
 */
async function newLearner(profile: Json = adultLearner): Promise<string> {
  const caseId = randomUUID();
  const referralId = randomUUID();
  await sendForCase(
    caseId,
    TOPICS.intakeReferrals,
    referralRequested(caseId, referralId, [providerId]),
    educationReferralRevoked(caseId, referralId),
  );
  await referralStatusIs(referralId, 'revoked');
  const response = await staff('PUT', `/learners/${caseId}`, profile);
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ created: true, referralsRouted: 0 });
  return caseId;
}

async function newProgramme(overrides: Json = {}): Promise<string> {
  const response = await staff('POST', '/programmes', {
    providerId,
    name: 'Bachillerato acelerado nocturno',
    level: 'secondary',
    modality: 'night',
    eligibility: { minAge: 15, minLastGrade: 6, documentsRequired: ['birth-certificate'] },
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

async function newCohort(programmeId: string, overrides: Json = {}): Promise<string> {
  const response = await staff('POST', '/cohorts', {
    programmeId,
    name: `Cohorte ${randomUUID().slice(0, 6)}`,
    seats: 2,
    schedule: 'lunes a viernes 18:00-21:00',
    municipalityCode: MUNICIPALITY,
    startsOn: isoDaysFromNow(-10),
    endsOn: isoDaysFromNow(200),
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

const enrol = (cohortId: string, caseId: string, token = tokens['staff']) =>
  call('POST', `/cohorts/${cohortId}/enrolments`, token, { caseId });

function recorded<T>(type: string, predicate: (data: T) => boolean): EventEnvelope<T>[] {
  return recorder.messages
    .map((message) => parseEvent(message.value))
    .filter((parsed) => parsed.ok && parsed.event.type === type)
    .map((parsed) => (parsed as { event: EventEnvelope<T> }).event)
    .filter((event) => predicate(event.data));
}

/** Rows that a rejected request must not leave behind. */
async function footprint() {
  const [row] = (await db.query(
    `SELECT (SELECT count(*) FROM enrolments)::int AS enrolments,
            (SELECT count(*) FROM outbox_messages)::int AS outbox,
            (SELECT count(*) FROM attendance_sessions)::int AS sessions,
            (SELECT coalesce(sum(seats_taken), 0) FROM cohorts)::int AS taken`,
  )) as Json[];
  return row;
}

let programmeId: string;

beforeAll(async () => {
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.referralStatus, TOPICS.serviceCapacity]);
  await recorder.start();
  bed = await startEducationEnrolment({ consumerGroup: 'education-enrolment-test' });
  ({ url, db } = bed);

  tokens['staff'] = await testToken({
    roles: ['education-caseworker'],
    organisationId: providerId,
    municipalityCode: MUNICIPALITY,
  });
  tokens['otherStaff'] = await testToken({
    roles: ['education-caseworker'],
    organisationId: otherProviderId,
    municipalityCode: MUNICIPALITY,
  });
  tokens['staffElsewhere'] = await testToken({
    roles: ['education-caseworker'],
    organisationId: elsewhereProviderId,
    municipalityCode: OTHER_MUNICIPALITY,
  });
  tokens['supervisor'] = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
  tokens['supervisorElsewhere'] = await testToken({
    roles: ['supervisor'],
    municipalityCode: OTHER_MUNICIPALITY,
  });
  tokens['national'] = await testToken({ roles: ['national-supervisor'] });
  tokens['admin'] = await testToken({ roles: ['admin'] });
  tokens['intake'] = await testToken({
    roles: ['intake-officer'],
    municipalityCode: MUNICIPALITY,
  });

  expect(
    (
      await staff('POST', '/providers', {
        id: providerId,
        name: 'Centro Escolar Zacatecoluca',
        kind: 'school',
        municipalityCode: MUNICIPALITY,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call('POST', '/providers', tokens['otherStaff'], {
        id: otherProviderId,
        name: 'ONG Otra',
        kind: 'ngo',
        municipalityCode: MUNICIPALITY,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await call('POST', '/providers', tokens['staffElsewhere'], {
        id: elsewhereProviderId,
        name: 'Centro Escolar San Salvador',
        kind: 'school',
        municipalityCode: OTHER_MUNICIPALITY,
      })
    ).status,
  ).toBe(201);
  programmeId = await newProgramme();
});

afterAll(async () => {
  await recorder?.stop();
  await bed?.stop();
});

describe('enrolment and waitlist', () => {
  it('enrols while seats last, then waitlists in order; a drop promotes the first waiting', async () => {
    const cohortId = await newCohort(programmeId, { seats: 2 });
    const [a, b, c, d] = [
      await newLearner(),
      await newLearner(),
      await newLearner(),
      await newLearner(),
    ];
    const results = [];
    for (const caseId of [a, b, c, d]) results.push(await enrol(cohortId, caseId));
    expect(results.map((r) => [r.status, r.body['status'], r.body['waitlistPosition']])).toEqual([
      [201, 'enrolled', undefined],
      [201, 'enrolled', undefined],
      [201, 'waitlisted', 1],
      [201, 'waitlisted', 2],
    ]);

    const dropped = await staff('POST', `/enrolments/${results[0]?.body['enrolmentId']}/drop`, {
      reasonCode: 'found-work',
    });
    expect(dropped.status).toBe(200);
    const list = await staff('GET', `/cohorts/${cohortId}/enrolments`);
    const statusOf = (caseId: string) =>
      (list.body as unknown as Json[]).find((row) => row['caseId'] === caseId)?.['status'];
    expect([statusOf(a), statusOf(b), statusOf(c), statusOf(d)]).toEqual([
      'dropped',
      'enrolled',
      'enrolled',
      'waitlisted',
    ]);
    const cohort = await staff('GET', `/cohorts/${cohortId}`);
    expect(cohort.body).toMatchObject({ seats: 2, seatsTaken: 2, waitlistLength: 1 });

    // The promotion and the live capacity are published (through the outbox).
    await eventually(() => {
      expect(
        recorded<{ caseId: string; from?: string; status: string }>(
          enrolmentStatusChangedV1.type,
          (data) => data.caseId === c && data.from === 'waitlisted' && data.status === 'enrolled',
        ),
      ).toHaveLength(1);
      const capacity = recorded<{ cohortId: string; seatsTaken: number; waitlistLength: number }>(
        cohortCapacityChangedV1.type,
        (data) => data.cohortId === cohortId,
      );
      expect(capacity.at(-1)?.data).toMatchObject({ seatsTaken: 2, waitlistLength: 1 });
    });
  });

  it('never over-books under 40 simultaneous requests for 5 seats; waitlist positions 1..35', async () => {
    const cohortId = await newCohort(programmeId, { seats: 5 });
    const cases = await Promise.all(Array.from({ length: 40 }, () => newLearner()));
    const responses = await Promise.all(cases.map((caseId) => enrol(cohortId, caseId)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const statuses = responses.map((r) => r.body['status']);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(35);
    const positions = responses
      .map((r) => r.body['waitlistPosition'] as number | undefined)
      .filter((p): p is number => p !== undefined)
      .sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    const [row] = (await db.query(
      `SELECT c.seats_taken AS taken,
              (SELECT count(*)::int FROM enrolments WHERE cohort_id = c.id AND status = 'enrolled') AS enrolled
         FROM cohorts c WHERE id = $1`,
      [cohortId],
    )) as { taken: number; enrolled: number }[];
    expect(row).toEqual({ taken: 5, enrolled: 5 });
  });

  it('lets exactly one of several simultaneous duplicate requests through', async () => {
    const cohortId = await newCohort(programmeId, { seats: 3 });
    const caseId = await newLearner();
    const responses = await Promise.all([1, 2, 3].map(() => enrol(cohortId, caseId)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });
});

describe('bad input is rejected with a clear reason and nothing half-written', () => {
  let cohortId: string;
  let enrolledCase: string;

  beforeAll(async () => {
    cohortId = await newCohort(programmeId, { seats: 3 });
    enrolledCase = await newLearner();
    expect((await enrol(cohortId, enrolledCase)).status).toBe(201);
  });

  it.each([
    [
      'a closed cohort',
      async () => {
        const closed = await newCohort(programmeId, { open: false });
        return enrol(closed, await newLearner());
      },
      422,
      'cohort.closed',
    ],
    [
      'an ended cohort',
      async () => {
        const ended = await newCohort(programmeId, {
          startsOn: isoDaysFromNow(-100),
          endsOn: isoDaysFromNow(-1),
        });
        return enrol(ended, await newLearner());
      },
      422,
      'cohort.ended',
    ],
    [
      'an ineligible person (last grade too low)',
      async () => enrol(cohortId, await newLearner({ ...adultLearner, lastGradeCompleted: 3 })),
      422,
      'enrolment.not-eligible.last-grade-too-low',
    ],
    [
      'a person with no learner profile',
      async () => enrol(cohortId, randomUUID()),
      422,
      'learner.not-found',
    ],
    [
      'a duplicate enrolment',
      async () => enrol(cohortId, enrolledCase),
      409,
      'enrolment.duplicate',
    ],
    [
      'attendance for a person not enrolled',
      async () =>
        staff('POST', `/cohorts/${cohortId}/sessions`, {
          heldOn: isoDaysFromNow(-1),
          attendance: [{ enrolmentId: randomUUID(), present: true }],
        }),
      422,
      'attendance.not-enrolled',
    ],
    [
      'cohort dates out of order',
      async () =>
        staff('POST', '/cohorts', {
          programmeId,
          name: 'x',
          seats: 5,
          schedule: 'x',
          municipalityCode: MUNICIPALITY,
          startsOn: isoDaysFromNow(30),
          endsOn: isoDaysFromNow(10),
        }),
      400,
      'request.invalid',
    ],
    [
      'a minor without a guardian',
      async () =>
        staff('PUT', `/learners/${randomUUID()}`, { ...minorLearner, guardian: undefined }),
      422,
      'learner.guardian-required',
    ],
  ])('rejects %s', async (_label, attempt, status, code) => {
    // Fixtures first (they write rows), then measure the footprint of the bad request alone.
    const before = await footprint();
    const response = await attempt();
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ code });
    expect(String(response.body['title'])).not.toHaveLength(0);
    const after = await footprint();
    // Fixture writes (new cohorts/learners) add outbox rows for their capacity; compare only what
    // the rejected request itself would have written.
    expect(after['enrolments']).toBe(before['enrolments']);
    expect(after['sessions']).toBe(before['sessions']);
    expect(after['taken']).toBe(before['taken']);
  });

  it('answers 400 problem+json listing each invalid field', async () => {
    const response = await staff('POST', `/cohorts/${cohortId}/enrolments`, { caseId: 'abc' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'request.invalid',
      errors: [expect.objectContaining({ field: 'caseId' })],
    });
  });
});

describe('attendance', () => {
  it('moves a present learner to attending and reports N consecutive absences as at risk', async () => {
    const cohortId = await newCohort(programmeId, { seats: 5, startsOn: isoDaysFromNow(-30) });
    const present = await newLearner();
    const absent = await newLearner();
    const presentEnrolment = (await enrol(cohortId, present)).body['enrolmentId'];
    const absentEnrolment = (await enrol(cohortId, absent)).body['enrolmentId'];
    for (const day of [-3, -2]) {
      const response = await staff('POST', `/cohorts/${cohortId}/sessions`, {
        heldOn: isoDaysFromNow(day),
        attendance: [
          { enrolmentId: presentEnrolment, present: true },
          { enrolmentId: absentEnrolment, present: false },
        ],
      });
      expect(response.status).toBe(201);
    }
    const outOfOrder = await staff('POST', `/cohorts/${cohortId}/sessions`, {
      heldOn: isoDaysFromNow(-5),
      attendance: [{ enrolmentId: presentEnrolment, present: true }],
    });
    expect(outOfOrder.body).toMatchObject({ code: 'attendance.out-of-order' });

    await eventually(() => {
      const risks = recorded<{ caseId: string; consecutiveAbsences: number }>(
        attendanceAtRiskV1.type,
        (data) => data.caseId === absent,
      );
      expect(risks.map((e) => e.data.consecutiveAbsences)).toEqual([2]);
      expect(
        recorded(attendanceAtRiskV1.type, (data: { caseId: string }) => data.caseId === present),
      ).toHaveLength(0);
      expect(
        recorded<{ caseId: string; status: string }>(
          enrolmentStatusChangedV1.type,
          (data) => data.caseId === present && data.status === 'attending',
        ),
      ).toHaveLength(1);
    });
  });
});

describe('access per role', () => {
  let cohortId: string;
  let caseId: string;

  beforeAll(async () => {
    cohortId = await newCohort(programmeId, { seats: 5 });
    caseId = await newLearner();
    expect((await enrol(cohortId, caseId)).status).toBe(201);
  });

  it('answers 401 without a token and 403 for a role that has no business here', async () => {
    expect((await call('GET', '/cohorts', undefined)).status).toBe(401);
    expect((await call('GET', '/cohorts', tokens['intake'])).status).toBe(403);
    expect((await enrol(cohortId, caseId, tokens['intake'])).status).toBe(403);
  });

  it("keeps another provider's staff out of this provider's cohorts, people and catalogue", async () => {
    const other = tokens['otherStaff'];
    expect((await call('GET', `/cohorts/${cohortId}`, other)).status).toBe(404);
    expect((await call('GET', `/cohorts/${cohortId}/enrolments`, other)).status).toBe(404);
    expect((await enrol(cohortId, await newLearner(), other)).status).toBe(404);
    const listed = (await call('GET', '/cohorts', other)).body as unknown as Json[];
    expect(listed.some((c) => c['id'] === cohortId)).toBe(false);
    const programme = await call('POST', '/programmes', other, {
      providerId,
      name: 'x',
      level: 'basic',
      modality: 'weekend',
      eligibility: { minAge: 15 },
    });
    expect(programme.status).toBe(403);
    // Correcting the learner profile of a person not referred or enrolled to them: unknown.
    expect((await call('PUT', `/learners/${caseId}`, other, adultLearner)).status).toBe(404);
  });

  it('lets a supervisor see their municipality only, read-only; national supervisors see all', async () => {
    expect((await call('GET', `/cohorts/${cohortId}`, tokens['supervisor'])).status).toBe(200);
    expect(
      (await call('GET', `/cohorts/${cohortId}/enrolments`, tokens['supervisor'])).status,
    ).toBe(200);
    expect((await enrol(cohortId, await newLearner(), tokens['supervisor'])).status).toBe(403);
    expect((await call('GET', `/cohorts/${cohortId}`, tokens['supervisorElsewhere'])).status).toBe(
      404,
    );
    expect((await call('GET', `/cohorts/${cohortId}`, tokens['national'])).status).toBe(200);
  });
});

describe('a learner profile only for a case referred to the caseworker’s organisation', () => {
  /** What a refused profile write must leave untouched. */
  async function written(caseId: string, referralId?: string) {
    const [row] = (await db.query(
      `SELECT (SELECT count(*) FROM learners)::int AS learners,
              (SELECT count(*) FROM learners WHERE case_id = $1)::int AS "caseLearners",
              (SELECT count(*) FROM enrolments)::int AS enrolments,
              (SELECT count(*) FROM outbox_messages)::int AS outbox,
              (SELECT status FROM referrals WHERE id = $2) AS "referralStatus"`,
      [caseId, referralId ?? null],
    )) as Json[];
    return row;
  }

  it.each([
    ['an unknown case', async () => ({ caseId: randomUUID(), referralId: undefined })],
    ['a case referred to another organisation', () => referredCase([otherProviderId])],
    [
      'a case referred to a provider in another municipality',
      () => referredCase([elsewhereProviderId]),
    ],
  ])('refuses %s with 404, writing and routing nothing', async (_label, fixture) => {
    const { caseId, referralId } = await fixture();
    const before = await written(caseId, referralId);
    const response = await staff('PUT', `/learners/${caseId}`, adultLearner);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'learner.case-not-found' });
    const after = await written(caseId, referralId);
    expect(after).toEqual(before);
    expect(after['caseLearners']).toBe(0);
    if (referralId) expect(after['referralStatus']).toBe('received');
  });

  it('lets the caseworker of the organisation the referral is addressed to record it', async () => {
    const { caseId, referralId } = await referredCase([elsewhereProviderId]);
    const put = await call('PUT', `/learners/${caseId}`, tokens['staffElsewhere'], adultLearner);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ caseId, created: true, referralsRouted: 1 });
    // That provider has no cohort: the routed referral is declined, no longer waiting.
    await referralStatusIs(referralId, 'declined');
    // Correcting it follows the same rule: still refused to another provider's staff.
    expect((await staff('PUT', `/learners/${caseId}`, adultLearner)).status).toBe(404);
    const corrected = await call('PUT', `/learners/${caseId}`, tokens['staffElsewhere'], {
      ...adultLearner,
      lastGradeCompleted: 11,
    });
    expect(corrected.body).toMatchObject({ created: false, referralsRouted: 0 });
  });

  it('lets an admin record the profile of any referred case, and of no unknown one', async () => {
    const unknown = randomUUID();
    const refused = await call('PUT', `/learners/${unknown}`, tokens['admin'], adultLearner);
    expect(refused.status).toBe(404);
    expect((await written(unknown))['caseLearners']).toBe(0);
    const { caseId } = await referredCase([otherProviderId]);
    const put = await call('PUT', `/learners/${caseId}`, tokens['admin'], adultLearner);
    expect(put.status).toBe(200);
    expect((await written(caseId))['caseLearners']).toBe(1);
  });

  it('enrols only a case referred to the cohort’s provider, linked only to such a referral', async () => {
    const cohortId = await newCohort(programmeId, { seats: 3 });
    // A profile recorded by the other provider for their own referral.
    const { caseId: theirs } = await referredCase([otherProviderId]);
    expect(
      (await call('PUT', `/learners/${theirs}`, tokens['otherStaff'], adultLearner)).status,
    ).toBe(200);
    const before = await footprint();
    const stranger = await enrol(cohortId, theirs);
    expect(stranger.status).toBe(422);
    // The same answer as for a case with no profile at all: nothing said about the other provider.
    expect(stranger.body).toMatchObject({ code: 'learner.not-found' });

    // Someone else's referral cannot be answered by this provider's manual enrolment.
    const { referralId: foreignReferral } = await referredCase([otherProviderId]);
    const mine = await newLearner();
    const linked = await call('POST', `/cohorts/${cohortId}/enrolments`, tokens['staff'], {
      caseId: mine,
      referralId: foreignReferral,
    });
    expect(linked.status).toBe(422);
    expect(linked.body).toMatchObject({ code: 'enrolment.referral-mismatch' });
    await referralStatusIs(foreignReferral, 'received');
    const after = await footprint();
    expect(after['enrolments']).toBe(before['enrolments']);
    expect(after['taken']).toBe(before['taken']);
  });
});

describe('referral of a 17-year-old returnee', () => {
  it('lands on school re-entry, is waitlisted when full and promoted when someone drops', async () => {
    const reEntry = await newProgramme({
      name: 'Reinserción escolar acelerada',
      level: 'basic',
      modality: 'accelerated',
      schoolReEntry: true,
      eligibility: { minAge: 12, maxAge: 17, minLastGrade: 0 },
    });
    const reEntryCohort = await newCohort(reEntry, { seats: 1 });
    // An adult night cohort with free seats the minor would also be eligible for.
    await newCohort(programmeId, { seats: 10 });
    const holder = await newLearner(minorLearner);
    const holderEnrolment = (await enrol(reEntryCohort, holder)).body['enrolmentId'] as string;

    const caseId = randomUUID();
    const referralId = randomUUID();
    const requested = referralRequested(caseId, referralId, [providerId]);
    await sendForCase(caseId, TOPICS.intakeReferrals, requested);
    // The referral waits for the learner profile, then is routed when the caseworker records it.
    await eventually(async () => {
      const queue = (await staff('GET', '/referrals')).body as unknown as Json[];
      expect(queue.find((r) => r['id'] === referralId)).toMatchObject({ status: 'received' });
    });
    const put = await staff('PUT', `/learners/${caseId}`, minorLearner);
    expect(put.body).toMatchObject({ referralsRouted: 1 });

    const statuses = () =>
      recorded<{ referralId: string; status: string }>(
        referralStatusChangedV1.type,
        (data) => data.referralId === referralId,
      ).map((event) => event.data.status);
    await eventually(() => expect(statuses()).toEqual(['no-capacity']));
    const waiting = (await staff('GET', `/cohorts/${reEntryCohort}/enrolments`))
      .body as unknown as Json[];
    expect(waiting.find((row) => row['caseId'] === caseId)).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
      referralId,
    });

    await staff('POST', `/enrolments/${holderEnrolment}/drop`, { reasonCode: 'moved-away' });
    await eventually(() => expect(statuses()).toEqual(['no-capacity', 'accepted']));

    // A redelivered referral event has no second effect (inbox).
    await sendForCase(caseId, TOPICS.intakeReferrals, requested);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(statuses()).toEqual(['no-capacity', 'accepted']);
  });

  it('gives up the waitlist place when the orchestrator withdraws the referral', async () => {
    // Earlier tests may leave a school re-entry cohort of this provider with a free seat, where
    // routing would rightly place the minor: close them meanwhile so the full cohort is the choice.
    const closed = ((await staff('GET', '/cohorts')).body as unknown as Json[])
      .filter((cohort) => cohort['open'] !== false)
      .map((cohort) => String(cohort['id']));
    for (const id of closed) await staff('PATCH', `/cohorts/${id}`, { open: false });
    try {
      const fullCohort = await newCohort(
        await newProgramme({
          name: 'Reinserción escolar fines de semana',
          level: 'basic',
          modality: 'weekend',
          schoolReEntry: true,
          eligibility: { minAge: 12, maxAge: 17 },
        }),
        { seats: 1 },
      );
      expect((await enrol(fullCohort, await newLearner(minorLearner))).status).toBe(201);
      // The referral comes first; recording the profile routes it.
      const { caseId, referralId } = await referredCase();
      expect((await staff('PUT', `/learners/${caseId}`, minorLearner)).status).toBe(200);
      const send = (topic: string, event: EventEnvelope) => sendForCase(caseId, topic, event);
      const entry = async () =>
        ((await staff('GET', `/cohorts/${fullCohort}/enrolments`)).body as unknown as Json[]).find(
          (row) => row['caseId'] === caseId,
        );
      await eventually(async () => expect(await entry()).toMatchObject({ status: 'waitlisted' }));

      await send(
        TOPICS.pathEvents,
        createEvent(referralRoutedV1, {
          subject: caseId,
          source: '/reintegra/orchestrator',
          actor: 'system:orchestrator',
          correlationId: randomUUID(),
          data: {
            referralId,
            caseId,
            service: 'education',
            priority: 'normal',
            providerId,
            action: 'withdrawn',
            reasonCode: 'rerouted',
            occurredAt: new Date().toISOString(),
          },
        }),
      );
      await eventually(async () =>
        expect(await entry()).toMatchObject({
          status: 'dropped',
          reasonCode: 'referral-withdrawn',
        }),
      );
      const cohort = await staff('GET', `/cohorts/${fullCohort}`);
      expect(cohort.body).toMatchObject({ seatsTaken: 1, waitlistLength: 0 });
    } finally {
      for (const id of closed) await staff('PATCH', `/cohorts/${id}`, { open: true });
    }
  });

  it('frees the seat when intake revokes an accepted referral, without reporting back', async () => {
    // The referral comes first; recording the profile routes it.
    const { caseId, referralId } = await referredCase();
    expect((await staff('PUT', `/learners/${caseId}`, adultLearner)).status).toBe(200);
    const meta = {
      subject: caseId,
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
      correlationId: randomUUID(),
    };
    const send = (event: EventEnvelope) => sendForCase(caseId, TOPICS.intakeReferrals, event);
    const placed = await eventually(() => {
      const found = recorded<{ caseId: string; cohortId: string; status: string }>(
        enrolmentStatusChangedV1.type,
        (data) => data.caseId === caseId && data.status === 'enrolled',
      );
      expect(found).toHaveLength(1);
      return found[0]?.data.cohortId;
    });
    expect(placed).toBeDefined();
    await send(
      createEvent(referralRevokedV1, {
        ...meta,
        data: {
          referralId,
          caseId,
          reasonCode: 'person-declined',
          revokedAt: new Date().toISOString(),
        },
      }),
    );
    await eventually(() =>
      expect(
        recorded<{ caseId: string; status: string; reasonCode?: string }>(
          enrolmentStatusChangedV1.type,
          (data) => data.caseId === caseId && data.status === 'dropped',
        ).map((event) => event.data.reasonCode),
      ).toEqual(['referral-revoked']),
    );
    const reports = recorded<{ referralId: string; status: string }>(
      referralStatusChangedV1.type,
      (data) => data.referralId === referralId,
    ).map((event) => event.data.status);
    expect(reports).toEqual(['accepted']);
    const enrolments = (await staff('GET', `/cohorts/${placed}/enrolments`))
      .body as unknown as Json[];
    expect(enrolments.find((row) => row['caseId'] === caseId)).toMatchObject({ status: 'dropped' });
  });

  it('declines with a reason when no programme of the provider fits', async () => {
    // The referral comes first; the profile, recorded by the provider it names, routes it.
    const { caseId, referralId } = await referredCase([otherProviderId]);
    const put = await call('PUT', `/learners/${caseId}`, tokens['otherStaff'], {
      ...adultLearner,
      lastGradeCompleted: 0,
    });
    expect(put.status).toBe(200);
    await eventually(() => {
      const reports = recorded<{ referralId: string; status: string; reasonCode?: string }>(
        referralStatusChangedV1.type,
        (data) => data.referralId === referralId,
      );
      expect(reports.map((e) => [e.data.status, e.data.reasonCode])).toEqual([
        ['declined', 'no-open-cohort'],
      ]);
    });
  });
});

describe('withdrawal of the education consent', () => {
  const withdrawal = (caseId: string, consentId: string = randomUUID()) =>
    createEvent(consentWithdrawnV1, {
      subject: caseId,
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
      correlationId: randomUUID(),
      data: {
        consentId,
        caseId,
        purpose: 'service-referral',
        scope: 'education',
        formVersion: 'recepcion-2026-12-v1',
        withdrawnAt: new Date().toISOString(),
      },
    });

  it('withdraws the open referral, frees the seat and erases the learner’s personal data', async () => {
    const cohortId = await newCohort(programmeId, { seats: 30 });
    const { caseId, referralId } = await referredCase();
    const learner = { ...minorLearner, guardian: { ...minorLearner.guardian, phone: '7012-3456' } };
    expect((await staff('PUT', `/learners/${caseId}`, learner)).status).toBe(200);
    // Placed by routing: a seat, or a waitlist place where a school re-entry cohort is full.
    const placed = await eventually(async () => {
      const [found] = (await db.query(`SELECT status FROM referrals WHERE id = $1`, [
        referralId,
      ])) as Json[];
      expect(['accepted', 'no-capacity']).toContain(found?.['status']);
      return String(found?.['status']);
    });
    const taken = async () =>
      Number((await staff('GET', `/cohorts/${cohortId}`)).body['seatsTaken']);
    const seatsBefore = await taken();

    await sendForCase(caseId, TOPICS.intakeConsents, withdrawal(caseId));
    await referralStatusIs(referralId, 'withdrawn');
    const [referral] = (await db.query(`SELECT reason_code FROM referrals WHERE id = $1`, [
      referralId,
    ])) as Json[];
    expect(referral).toEqual({ reason_code: 'consent-withdrawn' });
    const [row] = (await db.query(
      `SELECT date_of_birth, last_grade_completed, documents, guardian_name,
              guardian_relationship, guardian_phone, erased_at IS NOT NULL AS erased
         FROM learners WHERE case_id = $1`,
      [caseId],
    )) as Json[];
    expect(row).toEqual({
      date_of_birth: null,
      last_grade_completed: null,
      documents: [],
      guardian_name: null,
      guardian_relationship: null,
      guardian_phone: null,
      erased: true,
    });
    const enrolments = (await db.query(
      `SELECT cohort_id AS "cohortId", status, reason_code AS "reasonCode"
         FROM enrolments WHERE case_id = $1`,
      [caseId],
    )) as Json[];
    expect(enrolments).toEqual([
      expect.objectContaining({ status: 'dropped', reasonCode: 'consent-withdrawn' }),
    ]);
    if (enrolments[0]?.['cohortId'] === cohortId) expect(await taken()).toBe(seatsBefore - 1);
    // The path withdraws the referral itself: education reports nothing after its answer.
    expect(
      recorded<{ referralId: string; status: string }>(
        referralStatusChangedV1.type,
        (data) => data.referralId === referralId,
      ).map((event) => event.data.status),
    ).toEqual([placed]);

    // The data is not collected again without a new referral (which needs a new consent).
    const again = await staff('PUT', `/learners/${caseId}`, learner);
    expect(again.status).toBe(422);
    expect(again.body['code']).toBe('learner.consent-withdrawn');
  });

  it('withdraws on receipt a referral whose consent was withdrawn before it arrived', async () => {
    const caseId = randomUUID();
    const referral = referralRequested(caseId, randomUUID(), [providerId]);
    const consentId = (referral.data as { consentId: string }).consentId;
    await sendForCase(caseId, TOPICS.intakeConsents, withdrawal(caseId, consentId));
    await eventually(async () => {
      const rows = (await db.query(`SELECT 1 FROM consent_withdrawals WHERE consent_id = $1`, [
        consentId,
      ])) as unknown[];
      expect(rows).toHaveLength(1);
    });
    await sendForCase(caseId, TOPICS.intakeReferrals, referral);
    await referralStatusIs((referral.data as { referralId: string }).referralId, 'withdrawn');
  });
});
