import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RiskLevel, ScoreDimension } from '@reintegra/event-contracts';

export type ScorePurpose = 'baseline' | 'follow-up' | 're-score';

/** One score of one assessment under one scoring version; never updated (a re-score adds a row). */
@Entity({ name: 'sustainability_scores' })
export class SustainabilityScore {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'questionnaire_version', type: 'text' })
  questionnaireVersion!: string;

  @Column({ name: 'scoring_version', type: 'text' })
  scoringVersion!: string;

  @Column({ type: 'text' })
  purpose!: ScorePurpose;

  @Column({ type: 'integer', nullable: true })
  wave!: number | null;

  @Column({ type: 'double precision', nullable: true })
  economic!: number | null;

  @Column({ type: 'double precision', nullable: true })
  social!: number | null;

  @Column({ type: 'double precision', nullable: true })
  psychosocial!: number | null;

  @Column({ type: 'double precision', nullable: true })
  composite!: number | null;

  @Column({ name: 'incomplete_dimensions', type: 'text', array: true })
  incompleteDimensions!: ScoreDimension[];

  @Column({ type: 'jsonb' })
  indicators!: Record<string, number>;

  @Column({ name: 'answered_share', type: 'jsonb' })
  answeredShare!: Record<ScoreDimension, number>;

  @Column({ name: 'risk_level', type: 'text' })
  riskLevel!: RiskLevel;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;

  @Column({ name: 'computed_by', type: 'text' })
  computedBy!: string;
}
