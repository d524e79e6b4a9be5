import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralPriority, ReferralService } from '@reintegra/event-contracts';
import type { PlanStatus } from './plan-rules';
import type { PlanGoals, ProposedReferral } from './plan.requests';

/** What became of a proposed referral when the plan was approved. */
export type ReferralOutcome =
  | { service: ReferralService; priority: ReferralPriority; opened: true; referralId: string }
  | { service: ReferralService; priority: ReferralPriority; opened: false; problem: string };

/** The reintegration plan of a case: goals per dimension and proposed referrals. */
@Entity({ name: 'case_plans' })
export class CasePlan {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  status!: PlanStatus;

  @Column({ type: 'jsonb' })
  goals!: PlanGoals;

  @Column({ name: 'proposed_referrals', type: 'jsonb' })
  proposedReferrals!: ProposedReferral[];

  /** Bumped by every change; the plan's ETag. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'submitted_by', type: 'text', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt!: Date | null;

  @Column({ name: 'rejected_by', type: 'text', nullable: true })
  rejectedBy!: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'referral_outcomes', type: 'jsonb', nullable: true })
  referralOutcomes!: ReferralOutcome[] | null;
}
