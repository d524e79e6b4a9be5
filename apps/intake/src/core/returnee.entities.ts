import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus, ClosureReason } from '@reintegra/event-contracts';

/** A person who has returned at least once. Personal data stays in this service. */
@Entity({ name: 'returnees' })
export class Returnee {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text', nullable: true })
  dui!: string | null;

  @Column({ name: 'first_names', type: 'text' })
  firstNames!: string;

  @Column({ name: 'last_names', type: 'text' })
  lastNames!: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth!: string;

  @Column({ type: 'text' })
  gender!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set when this record was merged into another one of the same person (kept, never deleted). */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto!: string | null;

  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true })
  mergedAt!: Date | null;

  /** Bumped by every correction of the person's record; its ETag. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}

/** One return of a person: the case that a reintegration path follows. */
@Entity({ name: 'return_episodes' })
export class ReturnEpisode {
  /** Also the case id. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'returnee_id', type: 'uuid' })
  returneeId!: string;

  @Column({ name: 'episode_number', type: 'integer' })
  episodeNumber!: number;

  @Column({ name: 'return_date', type: 'date' })
  returnDate!: string;

  @Column({ name: 'country_returned_from', type: 'char', length: 2 })
  countryReturnedFrom!: string;

  @Column({ name: 'reception_point', type: 'text' })
  receptionPoint!: string;

  @Column({ name: 'municipality_code', type: 'text' })
  municipalityCode!: string;

  @Column({ name: 'district_code', type: 'text', nullable: true })
  districtCode!: string | null;

  @Column({ type: 'boolean' })
  minor!: boolean;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  /** Changed only through CaseLifecycleService (which publishes the change). */
  @Column({ type: 'text', default: 'open' })
  status!: CaseStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason!: ClosureReason | null;

  /** Follow-up waves the reintegration path has called for; a re-assessment may answer them. */
  @Column({ name: 'follow_up_waves_due', type: 'integer', default: 0 })
  followUpWavesDue!: number;

  /** Bumped by every change of the case; the ETag of case resources. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
