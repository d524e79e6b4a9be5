import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from '../catalogue';
import { victimSupportReferralRequestedV1 } from './victim-support-referral.v1';

const referral = (extra: Record<string, unknown> = {}) => ({
  reference: randomUUID(),
  priority: 'urgent',
  requestedServices: ['psychological'],
  consentGiven: true,
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  ...extra,
});
const envelope = (data: Record<string, unknown>) =>
  JSON.stringify({
    ...createEvent(victimSupportReferralRequestedV1, {
      subject: String(data['reference']),
      source: '/reintegra/intake',
      actor: 'system:intake',
      correlationId: randomUUID(),
      data: {
        reference: randomUUID(),
        priority: 'urgent',
        requestedServices: ['psychological'],
        consentGiven: true,
      },
    }),
    data,
  });

describe('victim-support.referral-requested.v1: kind', () => {
  it('carries a child-protection kind, and still parses events without one (care)', () => {
    const child = referral({ kind: 'child-protection' });
    expect(parseEvent(envelope(child))).toMatchObject({ ok: true, event: { data: child } });
    const before = referral();
    const parsed = parseEvent(envelope(before));
    expect(parsed).toMatchObject({ ok: true, event: { data: before } });
    expect(parsed.ok && 'kind' in (parsed.event.data as object)).toBe(false);
  });

  it('refuses an unknown kind, and still any field beyond the contract (a case id)', () => {
    expect(parseEvent(envelope(referral({ kind: 'adoption' }))).ok).toBe(false);
    expect(
      parseEvent(envelope(referral({ kind: 'child-protection', caseId: randomUUID() }))).ok,
    ).toBe(false);
  });
});
