import { Controller, Get, Param } from '@nestjs/common';
import { Roles } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { findQuestionnaire, questionnaires } from './questionnaires';

/** The published questionnaire versions (questions only; they hold no personal data). */
@Controller('questionnaires')
@Roles(
  'intake-officer',
  'supervisor',
  'national-supervisor',
  'admin',
  'victim-support-counsellor',
  'victim-support-supervisor',
)
export class QuestionnairesController {
  @Get()
  list() {
    return questionnaires.map((q) => ({
      version: q.version,
      title: q.title,
      publishedOn: q.publishedOn,
      sections: q.sections.map((s) => ({ id: s.id, title: s.title, items: s.items.length })),
    }));
  }

  @Get(':version')
  get(@Param('version') version: string) {
    const questionnaire = findQuestionnaire(version);
    if (!questionnaire) {
      throw new NotFoundError('questionnaire.not-found', {
        es: `No existe la versión "${version}" del cuestionario.`,
        en: `Questionnaire version "${version}" does not exist.`,
      });
    }
    return questionnaire;
  }
}
