import { renderMessage } from './templates';

const caseId = '0b8f7c1e-3a53-4bd4-9d1c-2f6f7f1d5b10';

describe('reminder templates', () => {
  it('writes the person’s follow-up reminder in Spanish with the date in El Salvador, naming no case', () => {
    const message = renderMessage('follow-up-due', 'person', 'es', {
      caseId,
      wave: 1,
      dueAt: '2027-03-01T03:00:00.000Z',
    });
    expect(message.subject).toBe('Recordatorio: su cita de seguimiento');
    // 03:00 UTC is still 28 February in El Salvador (UTC-6).
    expect(message.text).toContain('desde el 28 de febrero de 2027');
    expect(message.text).toContain('(etapa 1)');
    expect(message.text).not.toContain(caseId);
  });

  it('has the English version and the officer’s reminders with the case id', () => {
    expect(
      renderMessage('follow-up-due', 'person', 'en', {
        caseId,
        wave: 2,
        dueAt: '2027-06-01T12:00:00Z',
      }).text,
    ).toContain('due from 1 June 2027');
    expect(
      renderMessage('follow-up-due', 'officer', 'es', {
        caseId,
        wave: 3,
        dueAt: '2027-06-01T12:00:00Z',
      }).text,
    ).toContain(`etapa 3 del caso ${caseId}`);
    expect(
      renderMessage('referral-overdue', 'officer', 'en', {
        caseId,
        referralId: 'r-1',
        service: 'housing',
        acknowledgeBy: '2027-06-01T12:00:00Z',
      }).subject,
    ).toBe('Referral not answered');
  });

  it('refuses a template that does not exist for the recipient (the person never gets deadline mail)', () => {
    expect(() => renderMessage('referral-overdue', 'person', 'es', { caseId })).toThrow(
      'no template referral-overdue for person',
    );
  });
});
