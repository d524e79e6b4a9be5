import { joinActivitySchema, registerParticipantSchema } from './participants.requests';

describe('participant requests', () => {
  const resident = {
    origin: 'resident',
    displayName: 'Vecina',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    consent: { formVersion: 'comunidad-2026-12', purposes: ['participation'] },
  };

  it('take minimal data and refuse a DUI or any other identity field', () => {
    expect(registerParticipantSchema.safeParse(resident).success).toBe(true);
    expect(registerParticipantSchema.safeParse({ ...resident, dui: '04567890-3' }).success).toBe(
      false,
    );
    expect(
      registerParticipantSchema.safeParse({ ...resident, dateOfBirth: '1990-01-01' }).success,
    ).toBe(false);
    expect(registerParticipantSchema.safeParse({ ...resident, origin: 'returnee' }).success).toBe(
      false,
    );
  });

  it('need consent to participate', () => {
    const noConsent = { ...resident, consent: { formVersion: 'x', purposes: ['survey'] } };
    expect(registerParticipantSchema.safeParse(noConsent).success).toBe(false);
  });

  it('join by participant or by case, a referral only by case', () => {
    const id = '6c3f1f4e-2d0a-4b7e-9a43-3c8f7b7c1a11';
    expect(joinActivitySchema.safeParse({ participantId: id }).success).toBe(true);
    expect(joinActivitySchema.safeParse({ caseId: id, referralId: id }).success).toBe(true);
    expect(joinActivitySchema.safeParse({ participantId: id, referralId: id }).success).toBe(false);
    expect(joinActivitySchema.safeParse({ participantId: id, caseId: id }).success).toBe(false);
  });
});
