import {
  ACKNOWLEDGEMENT_HOURS,
  closureReasonSchema,
  pathPhaseSchema,
  riskLevelSchema,
  scoreDimensionSchema,
  referralPrioritySchema,
  referralServiceSchema,
  referralStatusSchema,
} from '@reintegra/event-contracts';
import {
  approveClosureSchema,
  CASE_PHASES,
  CLOSURE_REASONS,
  DIMENSIONS,
  RISK_LEVELS,
  caseEventSignalSchema,
  DEFAULT_ACKNOWLEDGEMENT_HOURS,
  DEFAULT_PATH_CONFIG,
  pathConfigSchema,
  pathEventSchema,
  REFERRAL_PRIORITIES,
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
  referralWorkflowId,
  reintegrationPathWorkflowId,
} from './reintegration-path';

describe('reintegration path contract', () => {
  it('derives one stable workflow id per case', () => {
    const caseId = '4b0f6a56-2f4e-4c3a-9a51-0d7f3f7f2c11';
    expect(reintegrationPathWorkflowId(caseId)).toBe(reintegrationPathWorkflowId(caseId));
    expect(reintegrationPathWorkflowId(caseId)).toContain(caseId);
    expect(referralWorkflowId(caseId)).not.toBe(reintegrationPathWorkflowId(caseId));
  });

  it('rejects a case event signal without an event id', () => {
    const result = caseEventSignalSchema.safeParse({
      type: 'sv.reintegra.returnee.registered.v1',
      occurredAt: '2026-11-27T10:00:00Z',
    });
    expect(result.success).toBe(false);
  });

  it('mirrors the event contracts’ vocabulary and acknowledgement deadlines', () => {
    expect(DEFAULT_ACKNOWLEDGEMENT_HOURS).toEqual(ACKNOWLEDGEMENT_HOURS);
    expect([...REFERRAL_PRIORITIES]).toEqual(referralPrioritySchema.options);
    expect([...REFERRAL_SERVICES]).toEqual(referralServiceSchema.options);
    expect([...REFERRAL_STATUSES]).toEqual(referralStatusSchema.options);
    expect([...CASE_PHASES]).toEqual(pathPhaseSchema.options);
    expect([...CLOSURE_REASONS]).toEqual(closureReasonSchema.options);
    expect([...RISK_LEVELS]).toEqual(riskLevelSchema.options);
    expect([...DIMENSIONS]).toEqual(scoreDimensionSchema.options);
  });

  it('ships a valid default configuration (waves at about 3, 6 and 12 months)', () => {
    expect(pathConfigSchema.parse(DEFAULT_PATH_CONFIG).followUpDays).toEqual([91, 182, 365]);
  });

  it('validates phase facts and supervisor requests', () => {
    expect(
      pathEventSchema.safeParse({
        kind: 'assessment-completed',
        eventId: '4b0f6a56-2f4e-4c3a-9a51-0d7f3f7f2c11',
        occurredAt: '2026-11-27T10:00:00Z',
        riskLevel: 'extreme',
        scores: {},
      }).success,
    ).toBe(false);
    expect(approveClosureSchema.safeParse({ supervisorId: 's', reason: 'bored' }).success).toBe(
      false,
    );
    expect(
      approveClosureSchema.safeParse({ supervisorId: 's', reason: 're-migrated' }).success,
    ).toBe(true);
  });
});
