import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { caseNotFound } from '@reintegra/platform-errors';
import { bilingual, RequestValidationError } from '@reintegra/platform-http';
import type { Answers } from '../questionnaires/answers';
import { findQuestionnaire } from '../questionnaires/questionnaires';
import { ScoreRecorder } from './score-recorder.service';
import type { RescoreRequest } from './rescore.requests';
import { findScoringVersion, scoringVersions } from './scoring-versions';

export interface RescoreProgress {
  scoringVersion: string;
  total: number;
  processed: number;
  /** New scores stored (purpose `re-score`), each published as `score-computed`. */
  rescored: number;
  /** Already scored under this version (a repeated run adds nothing). */
  alreadyScored: number;
  /** Answers of a questionnaire version this scoring version does not cover. */
  notCovered: number;
}

interface AssessmentRow {
  id: string;
  case_id: string;
  questionnaire_version: string;
  wave: number | null;
  answers: Answers;
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const unknownScoringVersion = (version: string) =>
  new RequestValidationError([
    {
      code: 'custom',
      path: ['scoringVersion'],
      input: undefined,
      message: bilingual(
        `No existe la versión de puntaje "${version}" (versiones: ${scoringVersions.map((s) => s.version).join(', ')}).`,
        `Scoring version "${version}" does not exist (versions: ${scoringVersions.map((s) => s.version).join(', ')}).`,
      ),
    },
  ]);

/**
 * Re-scores stored answers under another scoring version, in batches (one transaction each, so a
 * long run holds no long locks and an interrupted run resumes where it stopped when repeated).
 * Original answers and scores are never changed: each new score is a row with purpose `re-score`.
 */
@Injectable()
export class RescoreService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scores: ScoreRecorder,
  ) {}

  async rescore(
    request: RescoreRequest,
    context: { actor: string; correlationId: string; batchSize?: number },
    onProgress: (progress: RescoreProgress) => void = () => undefined,
  ): Promise<RescoreProgress> {
    const scoring = findScoringVersion(request.scoringVersion);
    if (!scoring) throw unknownScoringVersion(request.scoringVersion);
    const caseId = request.caseId ?? null;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM assessments WHERE $1::uuid IS NULL OR case_id = $1`,
      [caseId],
    )) as Array<{ total: number }>;
    if (caseId && total === 0) await this.assertCaseExists(caseId);
    const progress: RescoreProgress = {
      scoringVersion: scoring.version,
      total,
      processed: 0,
      rescored: 0,
      alreadyScored: 0,
      notCovered: 0,
    };
    let after = NIL_UUID;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id, case_id, questionnaire_version, wave, answers FROM assessments
            WHERE ($1::uuid IS NULL OR case_id = $1) AND id > $2
            ORDER BY id LIMIT $3`,
          [caseId, after, context.batchSize ?? 200],
        )) as AssessmentRow[];
        const counts = { rescored: 0, alreadyScored: 0, notCovered: 0 };
        const at = new Date();
        for (const row of rows) {
          const questionnaire = findQuestionnaire(row.questionnaire_version);
          if (!questionnaire || !scoring.questionnaireVersions.includes(questionnaire.version)) {
            counts.notCovered += 1;
            continue;
          }
          const stored = await this.scores.record(
            manager,
            { id: row.id, caseId: row.case_id, wave: row.wave, answers: row.answers },
            questionnaire,
            scoring,
            { purpose: 're-score', actor: context.actor, correlationId: context.correlationId, at },
          );
          counts[stored ? 'rescored' : 'alreadyScored'] += 1;
        }
        return { rows, counts };
      });
      if (batch.rows.length === 0) break;
      after = batch.rows[batch.rows.length - 1].id;
      progress.processed += batch.rows.length;
      progress.rescored += batch.counts.rescored;
      progress.alreadyScored += batch.counts.alreadyScored;
      progress.notCovered += batch.counts.notCovered;
      onProgress({ ...progress });
    }
    return progress;
  }

  private async assertCaseExists(caseId: string) {
    const [found] = (await this.dataSource.query(`SELECT 1 FROM return_episodes WHERE id = $1`, [
      caseId,
    ])) as unknown[];
    if (!found) {
      throw caseNotFound();
    }
  }
}
