import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assessmentCompletedV1 } from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError } from '@reintegra/platform-errors';
import { bilingual, RequestValidationError } from '@reintegra/platform-http';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { CaseAccess } from '../core/case-access.service';
import { CaseLifecycleService } from '../core/case-lifecycle.service';
import { ReturnEpisode } from '../core/returnee.entities';
import { ScoreRecorder, scoreView, type ScoreView } from '../scoring/score-recorder.service';
import { currentScoring } from '../scoring/scoring-versions';
import { SustainabilityScore } from '../scoring/sustainability-score.entity';
import { Assessment, AssessmentScreening } from './assessment.entities';
import type { RecordAssessmentRequest } from './assessment.requests';
import { summariseScreening, validateAnswers } from '../questionnaires/answers';
import { findQuestionnaire, questionnaires } from '../questionnaires/questionnaires';

/** General reads: the screening shows only whether it was completed and what it suggests. */
const summary = (assessment: Assessment) => ({
  id: assessment.id,
  caseId: assessment.caseId,
  questionnaireVersion: assessment.questionnaireVersion,
  wave: assessment.wave,
  completedAt: assessment.completedAt.toISOString(),
  completedBy: assessment.completedBy,
  screening: {
    completed: assessment.screeningCompleted,
    suggestsVictimSupport: assessment.suggestsVictimSupport,
  },
});
export type AssessmentSummary = ReturnType<typeof summary>;
export type AssessmentView = AssessmentSummary & {
  answers: Assessment['answers'];
  scores: ScoreView[];
};

const unknownQuestionnaire = (version: string) =>
  new RequestValidationError([
    {
      code: 'custom',
      path: ['questionnaireVersion'],
      input: undefined,
      message: bilingual(
        `No existe la versión "${version}" del cuestionario (versiones: ${questionnaires.map((q) => q.version).join(', ')}).`,
        `Questionnaire version "${version}" does not exist (versions: ${questionnaires.map((q) => q.version).join(', ')}).`,
      ),
    },
  ]);

/**
 * Needs assessments of a case. The initial assessment moves the case to `assessed`; a follow-up
 * wave is recorded once the path calls for it and leaves the status alone. Both are scored with the
 * current scoring version and published (scores only) in the same transaction.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
    private readonly lifecycle: CaseLifecycleService,
    private readonly scores: ScoreRecorder,
  ) {}

  record(
    caseId: string,
    request: RecordAssessmentRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<AssessmentView> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const questionnaire = findQuestionnaire(request.questionnaireVersion);
      if (!questionnaire) throw unknownQuestionnaire(request.questionnaireVersion);
      const validation = validateAnswers(questionnaire, request.answers);
      if (!validation.ok) throw new RequestValidationError(validation.issues);
      const wave = request.wave ?? null;
      const at = new Date();
      const by = actorReference(actor);
      if (wave === null) {
        await this.lifecycle.transition(manager, caseId, 'assessed', {
          actor: by,
          correlationId,
          at,
        });
      } else {
        await this.checkFollowUp(manager, caseId, wave);
      }

      const { general, screening } = validation.answers;
      const screeningSummary = summariseScreening(questionnaire, screening);
      const assessment: Assessment = {
        id: randomUUID(),
        caseId,
        questionnaireVersion: questionnaire.version,
        wave,
        answers: general,
        screeningCompleted: screeningSummary.completed,
        suggestsVictimSupport: screeningSummary.suggestsVictimSupport,
        completedAt: at,
        completedBy: by,
      };
      await manager.insert(Assessment, assessment);
      if (Object.keys(screening).length > 0) {
        await manager.insert(AssessmentScreening, {
          assessmentId: assessment.id,
          caseId,
          answers: screening,
        });
      }
      const scoring = currentScoring();
      const score = await this.scores.record(manager, assessment, questionnaire, scoring, {
        purpose: wave === null ? 'baseline' : 'follow-up',
        actor: by,
        correlationId,
        at,
      });
      if (!score) throw new Error('a new assessment cannot have a score already');
      await this.outbox.publish(
        manager,
        assessmentCompletedV1,
        {
          subject: caseId,
          time: at,
          data: {
            caseId,
            assessmentId: assessment.id,
            questionnaireVersion: questionnaire.version,
            scoringVersion: scoring.version,
            scores: scoreView(score).scores,
            riskLevel: score.riskLevel,
            ...(wave ? { wave } : {}),
            completedAt: at.toISOString(),
          },
        },
        { actor: by, correlationId },
      );
      return { ...summary(assessment), answers: general, scores: [scoreView(score)] };
    });
  }

  list(caseId: string, actor: Actor): Promise<AssessmentSummary[]> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const assessments = await manager.find(Assessment, {
        where: { caseId },
        order: { completedAt: 'ASC', id: 'ASC' },
      });
      return assessments.map(summary);
    });
  }

  get(caseId: string, assessmentId: string, actor: Actor): Promise<AssessmentView> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const assessment = await manager.findOne(Assessment, { where: { id: assessmentId, caseId } });
      if (!assessment) {
        throw new NotFoundError('assessment.not-found', {
          es: 'No existe esa evaluación en este expediente.',
          en: 'No such assessment in this case.',
        });
      }
      const scores = await manager.find(SustainabilityScore, {
        where: { assessmentId },
        order: { computedAt: 'ASC', id: 'ASC' },
      });
      return { ...summary(assessment), answers: assessment.answers, scores: scores.map(scoreView) };
    });
  }

  scoresOf(caseId: string, actor: Actor): Promise<ScoreView[]> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const scores = await manager.find(SustainabilityScore, {
        where: { caseId },
        order: { computedAt: 'ASC', id: 'ASC' },
      });
      return scores.map(scoreView);
    });
  }

  /**
   * A follow-up wave: the reintegration path must have called for it (path.follow-up-due, which
   * also puts the case in follow-up) and it must not be recorded yet (case row locked). The path
   * accepts a wave's scores only then, so intake refuses earlier ones here rather than the bridge.
   */
  private async checkFollowUp(manager: EntityManager, caseId: string, wave: number) {
    const episode = await manager.findOneOrFail(ReturnEpisode, {
      where: { id: caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (episode.status !== 'follow-up' || wave > episode.followUpWavesDue) {
      throw new ConflictError(
        'assessment.follow-up-not-due',
        {
          es: `La ola de seguimiento ${wave} aún no corresponde (olas convocadas: ${episode.followUpWavesDue}; estado del expediente: "${episode.status}").`,
          en: `Follow-up wave ${wave} is not due yet (waves called: ${episode.followUpWavesDue}; case status: "${episode.status}").`,
        },
        undefined,
        { currentStatus: episode.status, wavesDue: episode.followUpWavesDue },
      );
    }
    const existing = await manager.findOne(Assessment, { where: { caseId, wave } });
    if (existing) {
      throw new ConflictError(
        'assessment.wave-recorded',
        {
          es: `La ola de seguimiento ${wave} ya fue registrada.`,
          en: `Follow-up wave ${wave} was already recorded.`,
        },
        `/cases/${caseId}/assessments/${existing.id}`,
      );
    }
  }
}
