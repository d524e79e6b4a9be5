import { randomUUID } from 'node:crypto';
import {
  parseEvent,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { breakGlassSchema, recordSessionSchema, riskAssessmentSchema } from './care.requests';

describe('care requests', () => {
  it('rejects an invalid risk level and unknown reason codes', () => {
    expect(
      riskAssessmentSchema.safeParse({ level: 'extreme', reasonCodes: ['stalking'] }).success,
    ).toBe(false);
    expect(riskAssessmentSchema.safeParse({ level: 'high', reasonCodes: ['gossip'] }).success).toBe(
      false,
    );
    expect(riskAssessmentSchema.safeParse({ level: 'high', reasonCodes: [] }).success).toBe(false);
    expect(
      riskAssessmentSchema.safeParse({ level: 'high', reasonCodes: ['stalking'] }).success,
    ).toBe(true);
  });

  it('refuses break-glass without a reason code or a real justification', () => {
    expect(breakGlassSchema.safeParse({}).success).toBe(false);
    expect(breakGlassSchema.safeParse({ justification: 'Crisis call at night' }).success).toBe(
      false,
    );
    expect(
      breakGlassSchema.safeParse({ reasonCode: 'crisis-call', justification: 'urgent' }).success,
    ).toBe(false);
    expect(
      breakGlassSchema.safeParse({
        reasonCode: 'crisis-call',
        justification: 'Survivor called the line at night; assigned counsellor off duty.',
      }).success,
    ).toBe(true);
  });

  it('refuses sessions in the future', () => {
    expect(
      recordSessionSchema.safeParse({
        heldAt: '2999-01-01T10:00:00Z',
        durationMinutes: 50,
        notes: 'x',
      }).success,
    ).toBe(false);
  });
});

describe('victim-support event contracts', () => {
  const reference = randomUUID();

  it('accepts a referral with only a reference, a priority and services, with consent', () => {
    const data = {
      reference,
      priority: 'urgent',
      requestedServices: ['psychological', 'legal'],
      consentGiven: true,
    };
    expect(victimSupportReferralRequestedV1.data.safeParse(data).success).toBe(true);
    expect(
      victimSupportReferralRequestedV1.data.safeParse({ ...data, consentGiven: false }).success,
    ).toBe(false);
  });

  it.each([['caseId'], ['returneeId'], ['names'], ['screeningAnswers'], ['municipalityCode']])(
    'rejects a referral that carries %s',
    (field) => {
      expect(
        victimSupportReferralRequestedV1.data.safeParse({
          reference,
          priority: 'normal',
          requestedServices: ['recreation'],
          consentGiven: true,
          [field]: 'x',
        }).success,
      ).toBe(false);
    },
  );

  it('lets a status event carry the status and the reference, nothing else', () => {
    expect(Object.keys(victimSupportStatusChangedV1.data.shape).sort()).toEqual([
      'reference',
      'status',
    ]);
    expect(
      victimSupportStatusChangedV1.data.safeParse({ reference, status: 'in-progress' }).success,
    ).toBe(false);
    expect(
      victimSupportStatusChangedV1.data.safeParse({
        reference,
        status: 'closed',
        riskLevel: 'high',
      }).success,
    ).toBe(false);
    const raw = JSON.stringify({
      specversion: '1.0',
      id: randomUUID(),
      source: '/reintegra/victim-support',
      type: victimSupportStatusChangedV1.type,
      subject: reference,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      correlationid: randomUUID(),
      actor: 'system:victim-support',
      data: { reference, status: 'engaged' },
    });
    expect(parseEvent(raw)).toMatchObject({ ok: true });
  });
});
