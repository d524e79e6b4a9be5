import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Answers } from '../questionnaires/answers';

/** A completed needs assessment: general answers only, with the questionnaire version they fit. */
@Entity({ name: 'assessments' })
export class Assessment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'questionnaire_version', type: 'text' })
  questionnaireVersion!: string;

  /** Follow-up wave (1, 2, 3, …); null for the initial assessment. */
  @Column({ type: 'integer', nullable: true })
  wave!: number | null;

  @Column({ type: 'jsonb' })
  answers!: Answers;

  @Column({ name: 'screening_completed', type: 'boolean' })
  screeningCompleted!: boolean;

  @Column({ name: 'suggests_victim_support', type: 'boolean' })
  suggestsVictimSupport!: boolean;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ name: 'completed_by', type: 'text' })
  completedBy!: string;
}

/** Violence/victimisation screening answers, apart: read only by the consented victim-support route. */
@Entity({ name: 'assessment_screenings' })
export class AssessmentScreening {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'jsonb' })
  answers!: Answers;
}
