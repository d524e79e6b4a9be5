import { randomUUID } from 'node:crypto';
import {
  parseEvent,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';

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

  it('carries the survivor’s municipality as a routing code, and nothing shaped otherwise', () => {
    const data = {
      reference,
      priority: 'normal',
      requestedServices: ['legal'],
      consentGiven: true,
    };
    const parse = (municipalityCode: string) =>
      victimSupportReferralRequestedV1.data.safeParse({ ...data, municipalityCode }).success;
    expect(parse('SV-SS-SAN-SALVADOR-CENTRO')).toBe(true);
    expect(parse('Colonia Escalón, San Salvador')).toBe(false);
  });

  it.each([['caseId'], ['returneeId'], ['names'], ['screeningAnswers'], ['districtCode']])(
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
