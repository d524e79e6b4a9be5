import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  createEvent,
  type EventDefinition,
  partnerCaseOpenedV1,
  partnerReferralStatusChangedV1,
  referralRequestedV1,
  type ReferralService,
  referralStatusChangedV1,
  returneeRegisteredV1,
  returneesMergedV1,
  scoreComputedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { GatewayKeys } from '../crypto/gateway-keys';
import { dayOf, derive, publicEnvelope } from './public-events';

const caseId = randomUUID();
const pseudonyms = new GatewayKeys(randomBytes(32).toString('base64')).pseudonymiser(
  'ong-esperanza',
  randomBytes(32),
);

function internal<S extends z.ZodType>(
  definition: EventDefinition<S>,
  data: z.input<S>,
  subject = caseId,
) {
  return createEvent(definition, {
    subject,
    source: '/reintegra/intake',
    actor: 'user:officer-1',
    correlationId: randomUUID(),
    time: new Date('2026-11-20T15:04:05.000Z'),
    data,
  });
}

const registered = internal(returneeRegisteredV1, {
  caseId,
  returneeId: randomUUID(),
  episodeNumber: 1,
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  returnDate: '2026-11-20',
  countryReturnedFrom: 'US',
  minor: true,
  registeredAt: '2026-11-20T15:04:05.000Z',
});

const referral = (service: ReferralService) =>
  internal(referralRequestedV1, {
    referralId: randomUUID(),
    caseId,
    service,
    priority: 'urgent',
    providerIds: ['oficina-empleo-la-paz-este'],
    acknowledgeBy: '2026-11-23T15:00:00.000Z',
    requestedAt: '2026-11-20T15:00:00.000Z',
    consentId: randomUUID(),
  });

describe('public derivation', () => {
  it('turns a registration into a case opening with the month of return, never the ids', () => {
    const derivation = derive(registered);
    expect(derivation?.definition).toBe(partnerCaseOpenedV1);
    expect(derivation?.caseId).toBe(caseId);
    const data = derivation?.build(pseudonyms);
    expect(data).toEqual({
      episodeNumber: 1,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
      countryReturnedFrom: 'US',
      minor: true,
      returnMonth: '2026-11',
    });
    const text = JSON.stringify(data);
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(registered.data.returneeId);
  });

  it('pseudonymises referral ids and keeps the same pseudonym across a referral’s events', () => {
    const requested = referral('employment');
    const status = internal(referralStatusChangedV1, {
      referralId: requested.data.referralId,
      caseId,
      service: 'employment',
      providerId: 'oficina-empleo-la-paz-este',
      status: 'declined',
      reasonCode: 'not-eligible',
      occurredAt: '2026-11-21T10:00:00.000Z',
    });
    const first = derive(requested)?.build(pseudonyms) as { referralRef: string };
    const second = derive(status)?.build(pseudonyms) as Record<string, unknown>;
    expect(first.referralRef).toBe(second['referralRef']);
    expect(first.referralRef).not.toContain(requested.data.referralId);
    // The reason code stays inside: free-form codes can say too much about a person.
    expect(
      publicEnvelope(partnerReferralStatusChangedV1, {
        subject: pseudonyms.caseSubject(caseId),
        time: status.time,
        position: 1,
        data: { ...second, reasonCode: 'not-eligible' },
      }).data,
    ).not.toHaveProperty('reasonCode');
  });

  it('never derives anything from victim support, merges or referrals to victim support', () => {
    expect(derive(referral('victim-support'))).toBeNull();
    const reference = randomUUID();
    expect(
      derive(internal(victimSupportStatusChangedV1, { reference, status: 'engaged' }, reference)),
    ).toBeNull();
    expect(
      derive(
        internal(returneesMergedV1, {
          survivingReturneeId: randomUUID(),
          mergedReturneeId: randomUUID(),
          movedCaseIds: [caseId],
          mergedBy: 'user:officer-1',
          mergedAt: '2026-11-20T10:00:00.000Z',
        }),
      ),
    ).toBeNull();
  });

  it('rounds scores to two decimals', () => {
    const score = internal(scoreComputedV1, {
      caseId,
      scoreId: randomUUID(),
      assessmentId: randomUUID(),
      purpose: 'baseline',
      questionnaireVersion: '2026-05',
      scoringVersion: 'equal-weights-1',
      scores: { economic: 0.41666, social: 0.5, incompleteDimensions: ['psychosocial'] },
      computedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(derive(score)?.build(pseudonyms)).toMatchObject({
      scores: { economic: 0.42, social: 0.5, incompleteDimensions: ['psychosocial'] },
    });
  });

  it('generalises the event time to its day', () => {
    expect(dayOf('2026-11-20T15:04:05.123Z')).toBe('2026-11-20T00:00:00.000Z');
    const envelope = publicEnvelope(partnerCaseOpenedV1, {
      subject: pseudonyms.caseSubject(caseId),
      time: registered.time,
      position: 7,
      data: derive(registered)?.build(pseudonyms),
    });
    expect(envelope).toMatchObject({
      source: '/reintegra/partner-gateway',
      time: '2026-11-20T00:00:00.000Z',
      position: 7,
    });
  });
});
