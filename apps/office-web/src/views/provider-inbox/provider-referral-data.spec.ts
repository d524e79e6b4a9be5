import { ANSWERS_BY_STATUS, isOverdue, type ProviderReferral } from './provider-referral-data';

const referral = (status: string, acknowledgeBy: string): ProviderReferral => ({
  referralId: '3f2a1b2c-0000-4000-8000-000000000000',
  service: 'housing',
  priority: 'urgent',
  acknowledgeBy,
  status,
  reasonCode: null,
  facts: {},
  askedAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
});
const now = Date.parse('2026-12-04T12:00:00Z');

describe('provider referrals', () => {
  it('marks overdue only what still waits for a first answer past its deadline', () => {
    expect(isOverdue(referral('asked', '2026-12-04T11:59:00Z'), now)).toBe(true);
    expect(isOverdue(referral('no-capacity', '2026-12-03T00:00:00Z'), now)).toBe(true);
    expect(isOverdue(referral('asked', '2026-12-04T12:01:00Z'), now)).toBe(false);
    expect(isOverdue(referral('accepted', '2026-12-01T00:00:00Z'), now)).toBe(false);
  });

  it('offers the moves the directory allows, none once closed', () => {
    expect(ANSWERS_BY_STATUS['asked']).toEqual(['accepted', 'no-capacity', 'declined']);
    expect(ANSWERS_BY_STATUS['no-capacity']).not.toContain('no-capacity');
    expect(ANSWERS_BY_STATUS['accepted']).toContain('completed');
    expect(ANSWERS_BY_STATUS['completed']).toBeUndefined();
    expect(ANSWERS_BY_STATUS['withdrawn']).toBeUndefined();
  });
});
