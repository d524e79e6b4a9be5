/**
 * Working time as a week of 21 slots (7 days × morning, afternoon, night), stored as a bit mask.
 * A vacancy's schedule and a candidate's availability use the same slots, so their fit is the
 * share of the vacancy's slots the candidate can work.
 */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const SHIFTS = ['morning', 'afternoon', 'night'] as const;
export type Day = (typeof DAYS)[number];
export type Shift = (typeof SHIFTS)[number];

export interface WeekSlots {
  days: readonly Day[];
  shifts: readonly Shift[];
}

const bit = (day: number, shift: number) => 1 << (day * SHIFTS.length + shift);

/** Every listed shift on every listed day. */
export function toMask(slots: WeekSlots): number {
  let mask = 0;
  for (const day of slots.days) {
    for (const shift of slots.shifts) mask |= bit(DAYS.indexOf(day), SHIFTS.indexOf(shift));
  }
  return mask;
}

/** Slot names of a mask, e.g. ["mon-morning", "sat-afternoon"]. */
export function slotNames(mask: number): string[] {
  const names: string[] = [];
  DAYS.forEach((day, d) =>
    SHIFTS.forEach((shift, s) => {
      if (mask & bit(d, s)) names.push(`${day}-${shift}`);
    }),
  );
  return names;
}

/** The days and shifts of a mask made by toMask (for display). */
export function fromMask(mask: number): WeekSlots {
  return {
    days: DAYS.filter((_, d) => SHIFTS.some((_s, s) => mask & bit(d, s))),
    shifts: SHIFTS.filter((_, s) => DAYS.some((_d, d) => mask & bit(d, s))),
  };
}

export function countSlots(mask: number): number {
  let count = 0;
  for (let rest = mask; rest; rest &= rest - 1) count += 1;
  return count;
}
