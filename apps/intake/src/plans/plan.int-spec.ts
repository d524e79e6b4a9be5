import { DataSource } from 'typeorm';
import {
  caseStatusChangedV1,
  planApprovedV1,
  planSubmittedV1,
  referralRequestedV1,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  eventsOf,
  moveCase,
  stateOf,
  typesOf,
  newCase,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';

/** Plan: drafted with optimistic concurrency, submitted, approved by a supervisor (audited). */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees, TOPICS.intakeReferrals]);

const employment = {
  service: 'employment',
  priority: 'urgent',
  providerIds: ['oficina-empleo-la-paz-este', 'ong-empleo'],
  reasonCode: 'seeks-employment',
};
const education = {
  service: 'education',
  priority: 'normal',
  providerIds: ['centro-educativo-zacatecoluca'],
  reasonCode: 'unfinished-secondary',
};
const plan = {
  goals: {
    economic: [
      { description: 'Empleo formal en su oficio de albañilería', targetDate: '2027-03-01' },
    ],
    social: [{ description: 'Completar el bachillerato' }],
  },
  proposedReferrals: [employment, education],
};

/** Events of a case on one topic, in order (order holds within a topic's partition only). */
const caseEvents = (caseId: string, topic: string = TOPICS.intakeReturnees) =>
  typesOf(
    eventsOf(
      intake.recorder.messages.filter((message) => message.topic === topic),
      caseId,
    ),
  ).filter((type) => type !== returneeRegisteredV1.type);

describe('the reintegration plan of a case', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await newCase(intake);
    const consent = await intake.call('POST', `/cases/${caseId}/consents`, intake.tokens.officer, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'CONS-2026-01',
    });
    expect(consent.status).toBe(201);
  });

  it('creates a draft with version 1 as its ETag; one plan per case', async () => {
    const created = await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, plan);
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      goalDimensions: ['economic', 'social'],
      proposedReferrals: plan.proposedReferrals,
    });
    const read = await intake.call('GET', `/cases/${caseId}/plan`, intake.tokens.supervisor);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');

    const again = await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, plan);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'plan.exists', existing: `/cases/${caseId}/plan` });
  });

  it('changes the draft only with the ETag read: 428 without If-Match, 412 when stale, nothing written', async () => {
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    const changed = {
      ...plan,
      goals: { ...plan.goals, psychosocial: [{ description: 'Grupo de apoyo' }] },
    };

    const missing = await intake.call(
      'PUT',
      `/cases/${caseId}/plan`,
      intake.tokens.officer,
      changed,
    );
    expect(missing.status).toBe(428);
    expect(missing.body).toMatchObject({ code: 'request.if-match-required' });
    const stale = await intake.call(
      'PUT',
      `/cases/${caseId}/plan`,
      intake.tokens.officer,
      changed,
      {
        'if-match': '"7"',
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'request.stale', currentETag: '"1"' });
    const invalid = await intake.call(
      'PUT',
      `/cases/${caseId}/plan`,
      intake.tokens.officer,
      { goals: {} },
      { 'if-match': '"1"' },
    );
    expect(invalid.status).toBe(400);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);

    const saved = await intake.call(
      'PUT',
      `/cases/${caseId}/plan`,
      intake.tokens.officer,
      changed,
      {
        'if-match': '"1"',
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(saved.body).toMatchObject({
      version: 2,
      goalDimensions: ['economic', 'social', 'psychosocial'],
    });
    // A second officer still holding version 1 loses, instead of overwriting.
    const lost = await intake.call('PUT', `/cases/${caseId}/plan`, intake.tokens.officer, plan, {
      'if-match': '"1"',
    });
    expect(lost.status).toBe(412);
  });

  it('is submitted by the officer for approval (plan-submitted) and then no longer edited', async () => {
    const submitted = await intake.call(
      'POST',
      `/cases/${caseId}/plan/submission`,
      intake.tokens.officer,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 3 });
    await eventually(() => expect(caseEvents(caseId)).toEqual([planSubmittedV1.type]));
    const [event] = eventsOf(intake.recorder.messages, caseId).filter(
      (e) => e.type === planSubmittedV1.type,
    );
    expect(event?.data).toMatchObject({
      caseId,
      planVersion: 3,
      goalDimensions: ['economic', 'social', 'psychosocial'],
      proposedReferrals: 2,
      submittedBy: expect.stringMatching(/^user:/),
    });

    const edit = await intake.call('PUT', `/cases/${caseId}/plan`, intake.tokens.officer, plan, {
      'if-match': '"3"',
    });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'plan.not-draft' });
    const twice = await intake.call(
      'POST',
      `/cases/${caseId}/plan/submission`,
      intake.tokens.officer,
    );
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'plan.illegal-transition',
      allowed: ['approved', 'draft'],
    });
  });

  it('is approved only from case status assessed: 409 naming the allowed statuses, nothing written', async () => {
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    const early = await intake.call(
      'POST',
      `/cases/${caseId}/plan/approval`,
      intake.tokens.supervisor,
      undefined,
      {
        'if-match': '"3"',
      },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'case.illegal-transition',
      currentStatus: 'open',
      allowed: ['assessed', 'closed'],
    });
    expect(String(early.body['title'])).toContain('assessed, closed');
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);
  });

  it('refuses approval to officers, to other municipalities, without If-Match or when stale', async () => {
    await moveCase(intake.app, caseId, 'assessed');
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    const approve = (token: string, headers: Record<string, string> = { 'if-match': '"3"' }) =>
      intake.call('POST', `/cases/${caseId}/plan/approval`, token, undefined, headers);
    expect((await approve(intake.tokens.officer)).status).toBe(403);
    expect((await approve(intake.tokens.caseworker)).status).toBe(403);
    const elsewhere = await approve(intake.tokens.supervisorElsewhere);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).toMatchObject({ code: 'auth.outside-municipality' });
    expect((await approve(intake.tokens.supervisor, {})).status).toBe(428);
    expect((await approve(intake.tokens.supervisor, { 'if-match': '"2"' })).status).toBe(412);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);
  });

  it('approves: the case becomes plan-approved, consented referrals open, the others are reported, all audited and published', async () => {
    const approved = await intake.call(
      'POST',
      `/cases/${caseId}/plan/approval`,
      intake.tokens.supervisor,
      undefined,
      {
        'if-match': '"3"',
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.headers.get('etag')).toBe('"4"');
    expect(approved.body).toMatchObject({
      plan: { status: 'approved', version: 4 },
      case: { caseId, status: 'plan-approved' },
      referrals: {
        opened: [
          expect.objectContaining({
            service: 'employment',
            priority: 'urgent',
            providerIds: employment.providerIds,
            reasonCode: 'seeks-employment',
            status: 'requested',
          }),
        ],
        blocked: [
          {
            service: 'education',
            priority: 'normal',
            opened: false,
            problem: 'referral.consent-missing',
          },
        ],
      },
    });
    const referralId = (approved.body['referrals'] as { opened: Array<{ id: string }> }).opened[0]
      ?.id;

    await eventually(() =>
      expect([caseEvents(caseId), caseEvents(caseId, TOPICS.intakeReferrals)]).toEqual([
        [
          planSubmittedV1.type,
          caseStatusChangedV1.type, // the fixture's move to assessed
          caseStatusChangedV1.type,
          planApprovedV1.type,
        ],
        [referralRequestedV1.type],
      ]),
    );
    const events = eventsOf(intake.recorder.messages, caseId);
    const submittedBy = (
      events.find((e) => e.type === planSubmittedV1.type)?.data as { submittedBy: string }
    ).submittedBy;
    expect(events.filter((e) => e.type === caseStatusChangedV1.type)[1]?.data).toMatchObject({
      from: 'assessed',
      to: 'plan-approved',
    });
    expect(events.find((e) => e.type === planApprovedV1.type)?.data).toMatchObject({
      caseId,
      planVersion: 4,
      goalDimensions: ['economic', 'social', 'psychosocial'],
      proposedReferrals: 2,
      approvedBy: expect.stringMatching(/^user:/),
      assignedOfficer: submittedBy,
    });
    expect(events.find((e) => e.type === referralRequestedV1.type)?.data).toMatchObject({
      referralId,
      service: 'employment',
    });

    const audit = await intake.app
      .get(DataSource)
      .query(
        `SELECT action, case_id, related_id FROM audit_log WHERE case_id = $1 AND action NOT LIKE '%.read'`,
        [caseId],
      );
    expect(audit).toEqual([
      {
        action: 'plan.approved',
        case_id: caseId,
        related_id: (approved.body['plan'] as { id: string }).id,
      },
    ]);

    const view = await intake.call('GET', `/cases/${caseId}`, intake.tokens.supervisor);
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe(`"${view.body['version']}"`);
    expect(view.body).toMatchObject({
      status: 'plan-approved',
      allowedNextStatuses: ['in-services', 'follow-up', 'closed'],
      plan: { status: 'approved', version: 4, proposedReferrals: 2 },
      referrals: [expect.objectContaining({ id: referralId, status: 'requested' })],
    });

    const again = await intake.call(
      'POST',
      `/cases/${caseId}/plan/approval`,
      intake.tokens.supervisor,
      undefined,
      {
        'if-match': '"4"',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'plan.illegal-transition' });
  });
});

describe('two officers drafting at once', () => {
  it('lets one draft through; the other gets 409 with the plan’s link', async () => {
    const caseId = await newCase(intake);
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, plan),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409]);
    const [row] = await intake.app
      .get(DataSource)
      .query('SELECT count(*)::int AS n FROM case_plans WHERE case_id = $1', [caseId]);
    expect(row.n).toBe(1);
  });
});

describe('sending a plan back', () => {
  it('returns a submitted plan to draft with a reason (audited); only a supervisor, only a submitted plan', async () => {
    const caseId = await newCase(intake);
    expect(
      (await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, plan)).status,
    ).toBe(201);
    const onDraft = await intake.call(
      'POST',
      `/cases/${caseId}/plan/rejection`,
      intake.tokens.supervisor,
      {
        reasonCode: 'missing-goals',
      },
    );
    expect(onDraft.status).toBe(409);
    expect(
      (await intake.call('POST', `/cases/${caseId}/plan/submission`, intake.tokens.officer)).status,
    ).toBe(200);

    const before = await stateOf(intake.app, { caseIds: [caseId] });
    const byOfficer = await intake.call(
      'POST',
      `/cases/${caseId}/plan/rejection`,
      intake.tokens.officer,
      {
        reasonCode: 'missing-goals',
      },
    );
    expect(byOfficer.status).toBe(403);
    const invalid = await intake.call(
      'POST',
      `/cases/${caseId}/plan/rejection`,
      intake.tokens.supervisor,
      {
        reasonCode: 'Falta algo',
      },
    );
    expect(invalid.status).toBe(400);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);

    const rejected = await intake.call(
      'POST',
      `/cases/${caseId}/plan/rejection`,
      intake.tokens.supervisor,
      {
        reasonCode: 'missing-goals',
      },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'draft',
      version: 3,
      lastRejection: { reasonCode: 'missing-goals' },
    });
    const audit = await intake.app
      .get(DataSource)
      .query(
        `SELECT action, reason_code FROM audit_log WHERE case_id = $1 AND action NOT LIKE '%.read'`,
        [caseId],
      );
    expect(audit).toEqual([{ action: 'plan.rejected', reason_code: 'missing-goals' }]);
    // Back in draft: the officer can change it again with the new ETag.
    const edited = await intake.call('PUT', `/cases/${caseId}/plan`, intake.tokens.officer, plan, {
      'if-match': '"3"',
    });
    expect(edited.status).toBe(200);
  });
});

describe('who may work on a plan', () => {
  it('keeps drafting to officers of the municipality, reading to the office, and refuses bad input and closed cases, writing nothing', async () => {
    const caseId = await newCase(intake);
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    expect(
      (await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.supervisor, plan)).status,
    ).toBe(403);
    expect(
      (await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officerElsewhere, plan))
        .status,
    ).toBe(403);
    expect(
      (await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.caseworker, plan)).status,
    ).toBe(403);
    const invalid = await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, {
      goals: { economic: [{ description: '' }] },
      proposedReferrals: [{ ...employment, service: 'victim-support' }],
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toEqual(
      expect.arrayContaining(['goals.economic.0.description', 'proposedReferrals.0.service']),
    );
    expect((await intake.call('GET', `/cases/${caseId}/plan`, intake.tokens.officer)).status).toBe(
      404,
    );
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);

    expect(
      (await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, plan)).status,
    ).toBe(201);
    expect(
      (await intake.call('GET', `/cases/${caseId}/plan`, intake.tokens.caseworker)).status,
    ).toBe(403);
    expect(
      (await intake.call('GET', `/cases/${caseId}/plan`, intake.tokens.supervisorElsewhere)).status,
    ).toBe(403);
    expect((await intake.call('GET', `/cases/${caseId}/plan`, intake.tokens.national)).status).toBe(
      200,
    );
    expect((await intake.call('GET', `/cases/${caseId}`, intake.tokens.caseworker)).status).toBe(
      403,
    );

    const closedCase = await newCase(intake);
    expect(
      (
        await intake.call('POST', `/cases/${closedCase}/closure`, intake.tokens.supervisor, {
          reason: 'disengaged',
        })
      ).status,
    ).toBe(200);
    const onClosed = await intake.call(
      'POST',
      `/cases/${closedCase}/plan`,
      intake.tokens.officer,
      plan,
    );
    expect(onClosed.status).toBe(409);
    expect(onClosed.body).toMatchObject({ code: 'plan.case-not-planning', caseStatus: 'closed' });
  });
});
