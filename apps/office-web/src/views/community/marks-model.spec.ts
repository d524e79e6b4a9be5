import { afterSent, type Mark, SHEET_SIZE, sheetBody, sheetsOf, tap } from './marks-model';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 15, minute));
const where = (sessionId: string, participantId: string) => ({
  sessionId,
  activityId: 'a1',
  participantId,
});

describe('attendance marks on the phone', () => {
  it('keeps one record per person and session; a new tap replaces the mark', () => {
    const first = tap(where('s1', 'p1'), true, 'm1', at(1));
    const again = tap(where('s1', 'p1'), false, 'm2', at(2));
    expect(first.id).toBe(again.id);
    expect(again).toMatchObject({ markId: 'm2', present: false, state: 'waiting' });
  });

  it('groups waiting marks by session, oldest first, never more than the service takes', () => {
    const marks: Mark[] = [
      tap(where('s2', 'p1'), true, 'm1', at(3)),
      tap(where('s1', 'p2'), false, 'm2', at(2)),
      { ...tap(where('s1', 'p3'), true, 'm3', at(1)), state: 'sent' },
      tap(where('s1', 'p4'), true, 'm4', at(1)),
    ];
    expect(sheetsOf(marks).map((s) => [s.sessionId, s.marks.map((m) => m.markId)])).toEqual([
      ['s1', ['m4', 'm2']],
      ['s2', ['m1']],
    ]);
    const many = Array.from({ length: SHEET_SIZE + 5 }, (_, i) =>
      tap(where('s1', `p${i}`), true, `m${i}`, at(0)),
    );
    expect(sheetsOf(many).map((s) => s.marks.length)).toEqual([SHEET_SIZE, 5]);
  });

  it('a sent sheet marks its marks sent, but not one tapped again while it travelled', () => {
    const sent = tap(where('s1', 'p1'), true, 'm1', at(1));
    expect(afterSent(sent, sent)?.state).toBe('sent');
    expect(afterSent(tap(where('s1', 'p1'), false, 'm2', at(2)), sent)).toBeUndefined();
    expect(afterSent(undefined, sent)).toBeUndefined();
  });

  it('sends what the service validates, nothing of the device', () => {
    expect(sheetBody([tap(where('s1', 'p1'), true, 'm1', at(1))])).toEqual({
      marks: [{ markId: 'm1', participantId: 'p1', present: true, markedAt: at(1).toISOString() }],
    });
  });
});
