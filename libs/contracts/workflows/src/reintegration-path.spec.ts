import { caseEventSignalSchema, reintegrationPathWorkflowId } from './reintegration-path';

describe('reintegration path contract', () => {
  it('derives one stable workflow id per case', () => {
    const caseId = '4b0f6a56-2f4e-4c3a-9a51-0d7f3f7f2c11';
    expect(reintegrationPathWorkflowId(caseId)).toBe(reintegrationPathWorkflowId(caseId));
    expect(reintegrationPathWorkflowId(caseId)).toContain(caseId);
  });

  it('rejects a case event signal without an event id', () => {
    const result = caseEventSignalSchema.safeParse({
      type: 'sv.reintegra.returnee.registered.v1',
      occurredAt: '2026-11-27T10:00:00Z',
    });
    expect(result.success).toBe(false);
  });
});
