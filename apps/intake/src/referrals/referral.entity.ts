import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferralPriority, ReferralService, ReferralStatus } from '@reintegra/event-contracts';

/** A referral sent from a case to a service (one or several providers in parallel). */
@Entity({ name: 'referrals' })
export class Referral {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'consent_id', type: 'uuid' })
  consentId!: string;

  @Column({ type: 'text' })
  service!: ReferralService;

  @Column({ type: 'text' })
  priority!: ReferralPriority;

  @Column({ name: 'provider_ids', type: 'text', array: true })
  providerIds!: string[];

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Column({ name: 'acknowledge_by', type: 'timestamptz' })
  acknowledgeBy!: Date;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;

  /** Reason code reported with the latest status (declined, not-completed). */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  /** The provider that accepted: in a bundle, the first acceptance wins. */
  @Column({ name: 'accepted_by', type: 'text', nullable: true })
  acceptedBy!: string | null;
}
