import { parseEvent, referralRequestedV1, TOPICS } from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import { registerPerson, useCaseFlowSuite } from '../testing/case-flow-fixtures';

/**
 * A referral made on paper (or while the office was offline) is recorded later with the date it
 * was really made: its deadline, and the path's escalation, run from that date.
 */
const intake = useCaseFlowSuite([TOPICS.intakeReferrals]);
const DAY = 86_400_000;

async function consentedCase(): Promise<string> {
  const { caseId } = await registerPerson(intake);
  const consent = await intake.call('POST', `/cases/${caseId}/consents`, intake.tokens.officer, {
    purpose: 'service-referral',
    scope: 'housing',
    formVersion: 'CONS-2026-01',
  });
  expect(consent.status).toBe(201);
  return caseId;
}

const refer = (caseId: string, requestedAt?: string) =>
  intake.call('POST', `/cases/${caseId}/referrals`, intake.tokens.officer, {
    service: 'housing',
    priority: 'urgent',
    providerIds: ['vivienda-la-paz-este'],
    ...(requestedAt ? { requestedAt } : {}),
  });

describe('a referral made on paper five days ago', () => {
  it('keeps its date: the 72 h deadline already passed, and the event says so', async () => {
    const caseId = await consentedCase();
    const madeOn = new Date(Date.now() - 5 * DAY).toISOString();
    const sent = await refer(caseId, madeOn);
    expect(sent.status).toBe(201);
    expect(sent.body['requestedAt']).toBe(madeOn);
    expect(Date.parse(sent.body['acknowledgeBy'] as string)).toBe(Date.parse(madeOn) + 3 * DAY);
    const event = await eventually(() => {
      const found = intake.recorder.messages
        .filter((m) => m.key === caseId)
        .map((m) => parseEvent(m.value))
        .find((p) => p.ok && p.event.type === referralRequestedV1.type);
      if (!found?.ok) throw new Error('no referral.requested yet');
      return found.event;
    });
    expect(event.data).toMatchObject({
      requestedAt: madeOn,
      acknowledgeBy: new Date(Date.parse(madeOn) + 3 * DAY).toISOString(),
    });
    // The directory routes with these facts only (the fixture person: born 1990-05-17, male).
    const age = new Date(madeOn).getUTCFullYear() - 1990 - (madeOn.slice(5, 10) < '05-17' ? 1 : 0);
    expect((event.data as Record<string, unknown>)['eligibility']).toEqual({
      ageYears: age,
      sex: 'male',
    });
  });

  it('refuses a date in the future or more than 30 days back, naming the field', async () => {
    const caseId = await consentedCase();
    for (const requestedAt of [
      new Date(Date.now() + DAY).toISOString(),
      new Date(Date.now() - 31 * DAY).toISOString(),
    ]) {
      const refused = await refer(caseId, requestedAt);
      expect(refused.status).toBe(400);
      expect(refused.body['errors']).toEqual([
        { field: 'requestedAt', message: expect.stringContaining('30 días') },
      ]);
    }
  });
});
