/**
 * Attendance marks taken on the facilitator's phone, before and after they reach the community
 * service. One record per person and session: tapping again replaces the mark (a new mark id, a
 * later time), which the service takes as a correction of any earlier one it already has.
 */
export interface Mark {
  /** `${sessionId}/${participantId}`: one record per person and session on the device. */
  id: string;
  sessionId: string;
  activityId: string;
  participantId: string;
  /** Generated on the device, once per tap: the service records each mark id once. */
  markId: string;
  present: boolean;
  markedAt: string;
  state: 'waiting' | 'sent' | 'refused';
  /** The service's reason, when it refused the sheet. */
  problem?: string;
}

/** The most marks the service takes in one sheet. */
export const SHEET_SIZE = 200;

export const markKey = (sessionId: string, participantId: string) =>
  `${sessionId}/${participantId}`;

/** A tap: a new mark for the person, waiting to be sent (it replaces any earlier one). */
export function tap(
  where: { sessionId: string; activityId: string; participantId: string },
  present: boolean,
  markId: string,
  now: Date,
): Mark {
  return {
    id: markKey(where.sessionId, where.participantId),
    ...where,
    markId,
    present,
    markedAt: now.toISOString(),
    state: 'waiting',
  };
}

/** The sheets to send: waiting marks by session, at most SHEET_SIZE each, oldest tap first. */
export function sheetsOf(marks: readonly Mark[]): { sessionId: string; marks: Mark[] }[] {
  const bySession = new Map<string, Mark[]>();
  for (const mark of [...marks].sort((a, b) => a.markedAt.localeCompare(b.markedAt))) {
    if (mark.state !== 'waiting') continue;
    const list = bySession.get(mark.sessionId) ?? [];
    list.push(mark);
    bySession.set(mark.sessionId, list);
  }
  const sheets: { sessionId: string; marks: Mark[] }[] = [];
  for (const [sessionId, list] of bySession)
    for (let i = 0; i < list.length; i += SHEET_SIZE)
      sheets.push({ sessionId, marks: list.slice(i, i + SHEET_SIZE) });
  return sheets;
}

/**
 * A sheet went through: each of its marks is sent, unless the person was tapped again while it
 * travelled (the newer mark still waits, and goes next).
 */
export function afterSent(stored: Mark | undefined, sent: Mark): Mark | undefined {
  if (!stored || stored.markId !== sent.markId) return undefined;
  return { ...stored, state: 'sent' };
}

/** The body of one sheet, as the service takes it. */
export const sheetBody = (marks: readonly Mark[]) => ({
  marks: marks.map(({ markId, participantId, present, markedAt }) => ({
    markId,
    participantId,
    present,
    markedAt,
  })),
});
