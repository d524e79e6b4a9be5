import { randomUUID } from 'node:crypto';
import { attendanceSheetSchema } from './attendance.requests';

describe('attendance sheet', () => {
  const mark = () => ({ markId: randomUUID(), participantId: randomUUID(), present: true });

  it('takes 40 marks with device-generated ids', () => {
    expect(
      attendanceSheetSchema.safeParse({ marks: Array.from({ length: 40 }, mark) }).success,
    ).toBe(true);
  });

  it('refuses a person twice, an empty sheet and a mark without its id', () => {
    const one = mark();
    expect(
      attendanceSheetSchema.safeParse({ marks: [one, { ...one, markId: randomUUID() }] }).success,
    ).toBe(false);
    expect(attendanceSheetSchema.safeParse({ marks: [] }).success).toBe(false);
    expect(
      attendanceSheetSchema.safeParse({ marks: [{ participantId: randomUUID(), present: true }] })
        .success,
    ).toBe(false);
  });
});
