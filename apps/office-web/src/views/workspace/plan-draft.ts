import { DIMENSIONS, type Dimension, type Plan } from './workspace-data';

/** The plan as the form edits it (text as typed), and to and from intake's plan. */
export interface ReferralDraft {
  service: string;
  priority: string;
  provider: string;
  reasonCode: string;
}
export interface PlanDraft {
  goals: Record<Dimension, { description: string; targetDate: string }[]>;
  referrals: ReferralDraft[];
}

export const emptyDraft = (): PlanDraft => ({
  goals: { economic: [], social: [], psychosocial: [] },
  referrals: [],
});

export function draftOf(plan: Plan): PlanDraft {
  const goals = emptyDraft().goals;
  for (const dimension of DIMENSIONS)
    goals[dimension] = (plan.goals[dimension] ?? []).map((goal) => ({
      description: goal.description,
      targetDate: goal.targetDate ?? '',
    }));
  return {
    goals,
    referrals: plan.proposedReferrals.map((referral) => ({
      service: referral.service,
      priority: referral.priority,
      provider: referral.providerIds.join(', '),
      reasonCode: referral.reasonCode,
    })),
  };
}

/** The body of POST/PUT /cases/:caseId/plan; empty dimensions are left out. */
export function contentOf(draft: PlanDraft) {
  const goals: Partial<Record<Dimension, { description: string; targetDate?: string }[]>> = {};
  for (const dimension of DIMENSIONS)
    if (draft.goals[dimension].length > 0)
      goals[dimension] = draft.goals[dimension].map((goal) => ({
        description: goal.description,
        ...(goal.targetDate ? { targetDate: goal.targetDate } : {}),
      }));
  return {
    goals,
    proposedReferrals: draft.referrals.map((referral) => ({
      service: referral.service,
      priority: referral.priority,
      providerIds: referral.provider
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
      reasonCode: referral.reasonCode,
    })),
  };
}

/** Every field path the plan form shows errors beside (the rest go to the summary). */
export function planFieldPaths(draft: PlanDraft): string[] {
  const paths = ['goals', 'proposedReferrals'];
  for (const dimension of DIMENSIONS)
    draft.goals[dimension].forEach((_, i) =>
      paths.push(`goals.${dimension}.${i}.description`, `goals.${dimension}.${i}.targetDate`),
    );
  draft.referrals.forEach((_, i) =>
    ['service', 'priority', 'providerIds', 'reasonCode'].forEach((key) =>
      paths.push(`proposedReferrals.${i}.${key}`),
    ),
  );
  return paths;
}
