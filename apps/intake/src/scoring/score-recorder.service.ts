import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { scoreComputedV1 } from '@reintegra/event-contracts';
import { OutboxWriter } from '@reintegra/platform-messaging';
import type { Answers } from '../questionnaires/answers';
import type { QuestionnaireDefinition } from '../questionnaires/questionnaire-definition';
import type { ScoringDefinition } from './scoring-definition';
import { type ScorePurpose, SustainabilityScore } from './sustainability-score.entity';
import { computeSustainabilityScore } from './sustainability-score';

export interface ScoredAssessment {
  readonly id: string;
  readonly caseId: string;
  readonly wave: number | null;
  readonly answers: Answers;
}

export interface ScoreContext {
  readonly purpose: ScorePurpose;
  /** Pseudonymous actor reference, or `system:<component>`. */
  readonly actor: string;
  readonly correlationId: string;
  readonly at: Date;
}

/**
 * Scores an assessment's stored answers under one scoring version, stores the score with both
 * versions and its purpose, and publishes `score-computed` (scores only, never answers) in the
 * caller's transaction. An assessment already scored under that version is left as it is.
 */
@Injectable()
export class ScoreRecorder {
  constructor(private readonly outbox: OutboxWriter) {}

  async record(
    manager: EntityManager,
    assessment: ScoredAssessment,
    questionnaire: QuestionnaireDefinition,
    scoring: ScoringDefinition,
    context: ScoreContext,
  ): Promise<SustainabilityScore | undefined> {
    const result = computeSustainabilityScore(scoring, questionnaire, assessment.answers);
    const score: SustainabilityScore = {
      id: randomUUID(),
      assessmentId: assessment.id,
      caseId: assessment.caseId,
      questionnaireVersion: questionnaire.version,
      scoringVersion: scoring.version,
      purpose: context.purpose,
      wave: assessment.wave,
      economic: result.scores.economic ?? null,
      social: result.scores.social ?? null,
      psychosocial: result.scores.psychosocial ?? null,
      composite: result.scores.composite ?? null,
      incompleteDimensions: result.scores.incompleteDimensions,
      indicators: result.indicators,
      answeredShare: result.answeredShare,
      riskLevel: result.riskLevel,
      computedAt: context.at,
      computedBy: context.actor,
    };
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(SustainabilityScore)
      .values(score)
      .orIgnore()
      .returning('id')
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return undefined;
    await this.outbox.publish(
      manager,
      scoreComputedV1,
      {
        subject: assessment.caseId,
        time: context.at,
        data: {
          caseId: assessment.caseId,
          scoreId: score.id,
          assessmentId: assessment.id,
          purpose: context.purpose,
          ...(assessment.wave ? { wave: assessment.wave } : {}),
          questionnaireVersion: questionnaire.version,
          scoringVersion: scoring.version,
          scores: result.scores,
          computedAt: context.at.toISOString(),
        },
      },
      { actor: context.actor, correlationId: context.correlationId },
    );
    return score;
  }
}

/** How stored scores are shown: both versions, purpose, dimension scores and what was missing. */
export function scoreView(score: SustainabilityScore) {
  const present = <T>(value: T | null) => value ?? undefined;
  return {
    id: score.id,
    assessmentId: score.assessmentId,
    questionnaireVersion: score.questionnaireVersion,
    scoringVersion: score.scoringVersion,
    purpose: score.purpose,
    wave: score.wave,
    scores: {
      economic: present(score.economic),
      social: present(score.social),
      psychosocial: present(score.psychosocial),
      composite: present(score.composite),
      incompleteDimensions: score.incompleteDimensions,
    },
    indicators: score.indicators,
    answeredShare: score.answeredShare,
    riskLevel: score.riskLevel,
    computedAt: score.computedAt.toISOString(),
  };
}
export type ScoreView = ReturnType<typeof scoreView>;
