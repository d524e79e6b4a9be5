import { DataSource } from 'typeorm';
import { planApprovedV1, TOPICS } from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  eventsOf,
  moveCase,
  newCase,
  stateOf,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';

/**
 * A plan approved on paper (or a case imported from the office's earlier files) is recorded with
 * the date it was really approved: the event carries that date, so the path's follow-up waves
 * (3, 6 and 12 months) fall due from it, not from the day it was typed in.
 */
const intake = useCaseFlowSuite([TOPICS.intakeReturnees]);
const DAY = 86_400_000;

/** A case with a submitted plan, assessed: ready for a supervisor's approval at If-Match "2". */
async function submittedPlan(): Promise<string> {
  const caseId = await newCase(intake);
  const drafted = await intake.call('POST', `/cases/${caseId}/plan`, intake.tokens.officer, {
    goals: { economic: [{ description: 'Empleo en su oficio' }] },
    proposedReferrals: [],
  });
  expect(drafted.status).toBe(201);
  const submitted = await intake.call(
    'POST',
    `/cases/${caseId}/plan/submission`,
    intake.tokens.officer,
  );
  expect(submitted.status).toBe(200);
  await moveCase(intake.app, caseId, 'assessed');
  return caseId;
}

const approve = (caseId: string, body?: unknown) =>
  intake.call('POST', `/cases/${caseId}/plan/approval`, intake.tokens.supervisor, body, {
    'if-match': '"2"',
  });

describe('a plan approved on paper 95 days ago', () => {
  it('keeps its date in the plan and the event; the audit marks it recorded with an earlier date', async () => {
    const caseId = await submittedPlan();
    const approvedAt = new Date(Date.now() - 95 * DAY).toISOString();
    const approved = await approve(caseId, { approvedAt });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      plan: { status: 'approved', approvedAt },
      case: { caseId, status: 'plan-approved' },
    });
    const event = await eventually(() => {
      const found = eventsOf(intake.recorder.messages, caseId).find(
        (e) => e.type === planApprovedV1.type,
      );
      if (!found) throw new Error('no plan-approved yet');
      return found;
    });
    expect(event.data).toMatchObject({ caseId, approvedAt });
    const audit = await intake.app
      .get(DataSource)
      .query(`SELECT reason_code, occurred_at FROM audit_log WHERE case_id = $1 AND action = $2`, [
        caseId,
        'plan.approved',
      ]);
    expect(audit).toHaveLength(1);
    expect(audit[0].reason_code).toBe('recorded-with-earlier-date');
    // The audit row is dated when it was recorded, not back-dated.
    expect(Date.now() - new Date(audit[0].occurred_at).getTime()).toBeLessThan(60_000);
  });

  it('refuses a date in the future or more than 365 days back, naming the field; nothing changes', async () => {
    const caseId = await submittedPlan();
    const before = await stateOf(intake.app, { caseIds: [caseId] });
    for (const approvedAt of [
      new Date(Date.now() + DAY).toISOString(),
      new Date(Date.now() - 366 * DAY).toISOString(),
    ]) {
      const refused = await approve(caseId, { approvedAt });
      expect(refused.status).toBe(400);
      expect(refused.body['errors']).toEqual([
        { field: 'approvedAt', message: expect.stringContaining('365 días') },
      ]);
    }
    const unknown = await approve(caseId, { approvedOn: '2026-10-01' });
    expect(unknown.status).toBe(400);
    expect(await stateOf(intake.app, { caseIds: [caseId] })).toEqual(before);
  });
});
