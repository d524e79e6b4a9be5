import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import {
  ConflictError,
  NotFoundError,
  outsideMunicipality,
  UnprocessableError,
  ValidationFailedError,
} from '@reintegra/platform-errors';
import { managedActivity, visibleActivity } from '../core/activities.queries';
import { suppressed } from '../core/small-cells';
import type { OutcomesQuery, SurveyResponseRequest } from './outcomes.requests';
import { answerErrors, findPulseSurvey, PULSE_SURVEYS } from './pulse-surveys';

const surveyNotFound = () =>
  new NotFoundError('survey.not-found', {
    es: 'No existe esa versión de la encuesta.',
    en: 'No such survey version.',
  });

interface CellRow {
  scope: string;
  itemId: string;
  wave: string;
  n: number;
  mean: number;
}

/** Pre/post pulse surveys and their aggregates by activity and municipality (cells under 5 suppressed). */
@Injectable()
export class OutcomesService {
  constructor(private readonly dataSource: DataSource) {}

  versions() {
    return PULSE_SURVEYS.map((survey) => ({
      version: survey.version,
      publishedOn: survey.publishedOn,
    }));
  }

  survey(version: string) {
    const survey = findPulseSurvey(version);
    if (!survey) throw surveyNotFound();
    return survey;
  }

  async respond(activityId: string, request: SurveyResponseRequest, actor: Actor) {
    const survey = findPulseSurvey(request.questionnaireVersion);
    if (!survey)
      throw new ValidationFailedError([
        { field: 'questionnaireVersion', message: 'unknown version' },
      ]);
    const errors = answerErrors(survey, request.answers);
    if (errors.length > 0)
      throw new ValidationFailedError(
        errors.map((error) => ({ field: error.split(':')[0], message: error.split(': ')[1] })),
      );
    return this.dataSource.transaction(async (manager) => {
      const activity = await managedActivity(manager, actor, activityId);
      const consented = (await manager.query(
        `SELECT 1 FROM memberships m JOIN participants p ON p.id = m.participant_id
          WHERE m.activity_id = $1 AND m.participant_id = $2
            AND (   (p.origin = 'returnee' AND EXISTS (SELECT 1 FROM case_consents c
                      WHERE c.case_id = p.case_id AND c.withdrawn_at IS NULL))
                 OR (p.origin <> 'returnee' AND EXISTS (SELECT 1 FROM participant_consents c
                      WHERE c.participant_id = p.id AND c.purpose = 'survey' AND c.withdrawn_at IS NULL)))`,
        [activity.id, request.participantId],
      )) as unknown[];
      if (consented.length === 0)
        throw new UnprocessableError('survey.consent-missing', {
          es: 'La persona no participa en la actividad o no consintió la encuesta.',
          en: 'The person does not take part in the activity or did not consent to the survey.',
        });
      const id = randomUUID();
      const inserted = (await manager.query(
        `INSERT INTO survey_responses (id, activity_id, participant_id, questionnaire_version, wave, answers)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [
          id,
          activity.id,
          request.participantId,
          survey.version,
          request.wave,
          JSON.stringify(request.answers),
        ],
      )) as unknown[];
      if (inserted.length === 0)
        throw new ConflictError('survey.duplicate', {
          es: 'Ya hay una respuesta de esta persona para esta ronda.',
          en: 'This person has already answered this wave.',
        });
      return { id, wave: request.wave, questionnaireVersion: survey.version };
    });
  }

  /** Mean answer per item and wave; a cell with fewer than 5 answers shows neither n nor mean. */
  async aggregates(query: OutcomesQuery, actor: Actor) {
    const survey = findPulseSurvey(query.questionnaireVersion);
    if (!survey) throw surveyNotFound();
    let where: string;
    let value: string;
    if (query.activityId) {
      const activity = await visibleActivity(this.dataSource.manager, actor, query.activityId);
      where = 'r.activity_id = $2';
      value = activity.id;
    } else {
      const municipality = query.municipalityCode as string;
      if (!hasAnyRole(actor, ['admin']) && !canActInMunicipality(actor, municipality))
        throw outsideMunicipality();
      where = 'a.municipality_code = $2';
      value = municipality;
    }
    const rows = (await this.dataSource.query(
      `SELECT ${query.activityId ? 'r.activity_id::text' : 'a.municipality_code'} AS scope,
              item.key AS "itemId", r.wave, count(*)::int AS n, avg(item.value::int)::float AS mean
         FROM survey_responses r JOIN activities a ON a.id = r.activity_id
         CROSS JOIN LATERAL jsonb_each_text(r.answers) AS item
        WHERE r.questionnaire_version = $1 AND ${where}
        GROUP BY 1, 2, 3`,
      [survey.version, value],
    )) as CellRow[];
    return {
      questionnaireVersion: survey.version,
      ...(query.activityId ? { activityId: value } : { municipalityCode: value }),
      minimumCell: 5,
      items: survey.items.map((item) => ({
        itemId: item.id,
        dimension: item.dimension,
        reversed: item.scale.reversed,
        source: item.source,
        waves: (['pre', 'post'] as const).map((wave) => {
          const cell = rows.find((row) => row.itemId === item.id && row.wave === wave);
          const n = cell?.n ?? 0;
          return suppressed(n) || n === 0
            ? { wave, n: null, mean: null, suppressed: n > 0 }
            : { wave, n, mean: Math.round((cell?.mean ?? 0) * 100) / 100, suppressed: false };
        }),
      })),
    };
  }
}
