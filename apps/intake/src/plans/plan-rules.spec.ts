import { canMovePlan, goalDimensions } from './plan-rules';
import { planContentSchema } from './plan.requests';

const valid = {
  goals: {
    economic: [{ description: 'Empleo formal en construcción', targetDate: '2027-03-01' }],
    psychosocial: [{ description: 'Acompañamiento psicosocial' }],
  },
  proposedReferrals: [
    {
      service: 'employment',
      priority: 'urgent',
      providerIds: ['oficina-empleo-la-paz-este'],
      reasonCode: 'seeks-employment',
    },
  ],
};

function fieldsRejected(input: unknown): string[] {
  const result = planContentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('plan lifecycle', () => {
  it('drafts, submits, and is approved or sent back to draft', () => {
    expect(canMovePlan('draft', 'submitted')).toBe(true);
    expect(canMovePlan('submitted', 'approved')).toBe(true);
    expect(canMovePlan('submitted', 'draft')).toBe(true);
  });

  it('never approves a draft, and never changes an approved plan', () => {
    expect(canMovePlan('draft', 'approved')).toBe(false);
    expect(canMovePlan('approved', 'draft')).toBe(false);
    expect(canMovePlan('approved', 'submitted')).toBe(false);
  });

  it('lists the dimensions with goals in a fixed order', () => {
    expect(goalDimensions({ psychosocial: [{ description: 'x' }], economic: [] })).toEqual([
      'psychosocial',
    ]);
    expect(goalDimensions(valid.goals)).toEqual(['economic', 'psychosocial']);
  });
});

describe('plan content', () => {
  it('accepts goals with proposed referrals, and goals alone', () => {
    expect(planContentSchema.safeParse(valid).success).toBe(true);
    expect(planContentSchema.safeParse({ ...valid, proposedReferrals: [] }).success).toBe(true);
  });

  it.each([
    ['no goal at all', { goals: { social: [] } }, 'goals'],
    ['an unknown dimension', { goals: { spiritual: [{ description: 'x' }] } }, 'goals'],
    ['a blank goal', { goals: { social: [{ description: '  ' }] } }, 'goals.social.0.description'],
    [
      'a referral without a reason code',
      { proposedReferrals: [{ ...valid.proposedReferrals[0], reasonCode: undefined }] },
      'proposedReferrals.0.reasonCode',
    ],
    [
      'a victim-support referral (confidential channel)',
      { proposedReferrals: [{ ...valid.proposedReferrals[0], service: 'victim-support' }] },
      'proposedReferrals.0.service',
    ],
    [
      'two referrals to one service',
      { proposedReferrals: [valid.proposedReferrals[0], valid.proposedReferrals[0]] },
      'proposedReferrals',
    ],
    [
      'an unexpected field in a referral',
      { proposedReferrals: [{ ...valid.proposedReferrals[0], notes: 'x' }] },
      'proposedReferrals.0',
    ],
    ['an unexpected field', { status: 'approved' }, ''],
  ])('rejects %s', (_label, change, field) => {
    expect(fieldsRejected({ ...valid, ...change })).toContain(field);
  });
});
