import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseClosedV1,
  caseStatusChangedV1,
  closureProposedV1,
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

/** Closing a case: the officer proposes, a supervisor decides; both audited and published. */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);

const lifecycleEvents = (caseId: string) =>
  eventsOf(intake.recorder.messages, caseId).filter((e) => e.type !== returneeRegisteredV1.type);

describe('closing a case', () => {
  it('records the officer’s proposal (closure-proposed), then the supervisor closes as reintegrated from follow-up', async () => {
    const caseId = await newCase(intake);
    await moveCase(intake.app, caseId, 'assessed', 'plan-approved', 'in-services', 'follow-up');
    const proposed = await intake.call(
      'POST',
      `/cases/${caseId}/closure-proposal`,
      intake.tokens.officer,
      {
        reason: 'reintegrated',
      },
    );
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ caseId, reason: 'reintegrated' });
    const pending = await intake.call('GET', `/cases/${caseId}`, intake.tokens.supervisor);
    expect(pending.body).toMatchObject({
      status: 'follow-up',
      closureProposal: { reason: 'reintegrated' },
    });

    const closed = await intake.call('POST', `/cases/${caseId}/closure`, intake.tokens.supervisor, {
      reason: 'reintegrated',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ caseId, status: 'closed', closureReason: 'reintegrated' });
    expect(closed.headers.get('etag')).toBe(`"${closed.body['version']}"`);

    const events = await eventually(() => {
      const found = lifecycleEvents(caseId);
      expect(typesOf(found).slice(-3)).toEqual([
        closureProposedV1.type,
        caseStatusChangedV1.type,
        caseClosedV1.type,
      ]);
      return found;
    });
    const [proposal, statusChange, closure] = events.slice(-3);
    expect(proposal?.data).toMatchObject({
      caseId,
      reason: 'reintegrated',
      proposedBy: expect.stringMatching(/^user:/),
    });
    expect(statusChange?.data).toMatchObject({
      from: 'follow-up',
      to: 'closed',
      reasonCode: 'reintegrated',
    });
    expect(closure?.data).toMatchObject({
      caseId,
      reason: 'reintegrated',
      approvedBy: closure?.actor,
    });

    const audit = await intake.app
      .get(DataSource)
      .query(`SELECT actor, action, reason_code FROM audit_log WHERE case_id = $1 ORDER BY seq`, [
        caseId,
      ]);
    expect(audit).toEqual([
      { actor: proposal?.actor, action: 'case.closure-proposed', reason_code: 'reintegrated' },
      // The supervisor read the case before deciding: reads of personal data are audited too.
      { actor: 'user:test-supervisor', action: 'case.read', reason_code: null },
      { actor: closure?.actor, action: 'case.closed', reason_code: 'reintegrated' },
    ]);
    const after = await intake.call('GET', `/cases/${caseId}`, intake.tokens.supervisor);
    expect(after.body).toMatchObject({
      status: 'closed',
      closureProposal: null,
      allowedNextStatuses: [],
    });
  });

  it('refuses reintegrated before follow-up, and anything on a closed case, naming what is allowed and writing nothing', async () => {
    const caseId = await newCase(intake);
    await moveCase(intake.app, caseId, 'assessed');
    // Consent to a referral given before the closure must not let one through after it.
    const consent = await intake.call('POST', `/cases/${caseId}/consents`, intake.tokens.officer, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'CONS-2026-01',
    });
    expect(consent.status).toBe(201);
    const before = await stateOf(intake.app, { caseIds: [caseId] });

    for (const [path, token] of [
      ['closure-proposal', intake.tokens.officer],
      ['closure', intake.tokens.supervisor],
    ] as const) {
      const early = await intake.call('POST', `/cases/${caseId}/${path}`, token, {
        reason: 'reintegrated',
      });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({
        code: 'case.closure-reason-not-allowed',
        currentStatus: 'assessed',
        allowedReasons: ['disengaged', 're-migrated', 'transferred', 'deceased'],
      });
    }
    const invalid = await intake.call(
      'POST',
      `/cases/${caseId}/closure`,
      intake.tokens.supervisor,
      {
        reason: 'bored',
      },
    );
    expect(invalid.status).toBe(400);
    expect(
      (
        await intake.call('POST', `/cases/${randomUUID()}/closure`, intake.tokens.supervisor, {
          reason: 'deceased',
        })
      ).status,
    ).toBe(404);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);

    expect(
      (
        await intake.call('POST', `/cases/${caseId}/closure`, intake.tokens.supervisor, {
          reason: 'disengaged',
        })
      ).status,
    ).toBe(200);
    const closedState = await stateOf(intake.app, { caseIds: [caseId] });
    const twice = await intake.call('POST', `/cases/${caseId}/closure`, intake.tokens.supervisor, {
      reason: 'deceased',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'case.illegal-transition',
      currentStatus: 'closed',
      allowed: [],
    });
    const proposal = await intake.call(
      'POST',
      `/cases/${caseId}/closure-proposal`,
      intake.tokens.officer,
      {
        reason: 'deceased',
      },
    );
    expect(proposal.status).toBe(409);
    const referral = await intake.call(
      'POST',
      `/cases/${caseId}/referrals`,
      intake.tokens.officer,
      {
        service: 'employment',
        priority: 'normal',
        providerIds: ['mitrab-la-paz-este'],
      },
    );
    expect(referral.status).toBe(409);
    expect(referral.body).toMatchObject({ code: 'case.closed', currentStatus: 'closed' });
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(closedState);
  });

  it('a new proposal replaces the one waiting; the closure settles it', async () => {
    const caseId = await newCase(intake);
    await intake.call('POST', `/cases/${caseId}/closure-proposal`, intake.tokens.officer, {
      reason: 'disengaged',
    });
    await intake.call('POST', `/cases/${caseId}/closure-proposal`, intake.tokens.officer, {
      reason: 'transferred',
    });
    const view = await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer);
    expect(view.body).toMatchObject({ closureProposal: { reason: 'transferred' } });
    await intake.call('POST', `/cases/${caseId}/closure`, intake.tokens.supervisor, {
      reason: 'transferred',
    });
    const proposals = await intake.app
      .get(DataSource)
      .query(
        `SELECT reason, decision FROM case_closure_proposals WHERE case_id = $1 ORDER BY proposed_at`,
        [caseId],
      );
    expect(proposals).toEqual([
      { reason: 'disengaged', decision: 'superseded' },
      { reason: 'transferred', decision: 'closed' },
    ]);
  });

  it('lets officers propose and supervisors of the municipality (or national) close', async () => {
    const caseId = await newCase(intake);
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    const propose = (token: string) =>
      intake.call('POST', `/cases/${caseId}/closure-proposal`, token, { reason: 'disengaged' });
    const close = (token: string) =>
      intake.call('POST', `/cases/${caseId}/closure`, token, { reason: 'disengaged' });
    expect((await propose(intake.tokens.supervisor)).status).toBe(403);
    expect((await propose(intake.tokens.caseworker)).status).toBe(403);
    expect((await propose(intake.tokens.officerElsewhere)).status).toBe(403);
    expect((await close(intake.tokens.officer)).status).toBe(403);
    expect((await close(intake.tokens.caseworker)).status).toBe(403);
    expect((await close(intake.tokens.supervisorElsewhere)).status).toBe(403);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);
    expect((await close(intake.tokens.national)).status).toBe(200);
  });
});

describe('the intake audit log', () => {
  it('is append-only for the application role (the one intake runs as)', async () => {
    const db = intake.app.get(DataSource);
    const [row] = (await db.query('SELECT seq FROM audit_log LIMIT 1')) as Array<{ seq: string }>;
    expect(row).toBeDefined();
    await expect(
      db.query(`UPDATE audit_log SET action = 'x' WHERE seq = $1`, [row?.seq]),
    ).rejects.toThrow(/permission denied/);
    await expect(db.query('DELETE FROM audit_log WHERE seq = $1', [row?.seq])).rejects.toThrow(
      /permission denied/,
    );
  });
});
