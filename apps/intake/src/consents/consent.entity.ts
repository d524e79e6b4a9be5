import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConsentPurpose } from '@reintegra/event-contracts';

/** A consent given on a case, per purpose (and scope); withdrawn, never deleted. */
@Entity({ name: 'consents' })
export class Consent {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  purpose!: ConsentPurpose;

  @Column({ type: 'text', nullable: true })
  scope!: string | null;

  @Column({ name: 'form_version', type: 'text' })
  formVersion!: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy!: string;

  /** `guardian`: a minor's guardian gave it, named below with their capacity at that moment. */
  @Column({ name: 'given_by', type: 'text', default: 'self' })
  givenBy!: 'self' | 'guardian';

  @Column({ name: 'guardian_name', type: 'text', nullable: true })
  guardianName!: string | null;

  @Column({ name: 'guardian_capacity', type: 'text', nullable: true })
  guardianCapacity!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'text', nullable: true })
  withdrawnBy!: string | null;
}
