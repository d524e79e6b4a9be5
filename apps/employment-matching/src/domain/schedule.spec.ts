import { countSlots, fromMask, slotNames, toMask } from './schedule';

describe('weekly slots', () => {
  it('expands days × shifts into a mask and back', () => {
    const mask = toMask({ days: ['mon', 'tue', 'sat'], shifts: ['morning', 'afternoon'] });
    expect(countSlots(mask)).toBe(6);
    expect(fromMask(mask)).toEqual({
      days: ['mon', 'tue', 'sat'],
      shifts: ['morning', 'afternoon'],
    });
    expect(
      slotNames(mask & ~toMask({ days: ['mon', 'tue'], shifts: ['morning', 'afternoon'] })),
    ).toEqual(['sat-morning', 'sat-afternoon']);
  });

  it('uses 21 bits at most', () => {
    const all = toMask({
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      shifts: ['morning', 'afternoon', 'night'],
    });
    expect(all).toBe(2 ** 21 - 1);
    expect(countSlots(all)).toBe(21);
  });
});
