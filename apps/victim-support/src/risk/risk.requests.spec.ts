import { riskAssessmentSchema } from './risk.requests';

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
});
