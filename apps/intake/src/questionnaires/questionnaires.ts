import {
  questionnaireDefinitionSchema,
  type QuestionnaireDefinition,
} from './questionnaire-definition';
import may2026 from './versions/2026-05.json';
import november2026 from './versions/2026-11.json';

/**
 * The published questionnaire versions, oldest first. Listed here (not read from a folder) so the
 * bundled service carries them; the unit test checks every file of `versions/` is listed.
 * Parsed at start-up: a broken definition stops the service instead of failing an assessment.
 */
export const questionnaires: readonly QuestionnaireDefinition[] = [may2026, november2026].map(
  (file) => questionnaireDefinitionSchema.parse(file),
);

const byVersion = new Map(questionnaires.map((q) => [q.version, q]));

export function findQuestionnaire(version: string): QuestionnaireDefinition | undefined {
  return byVersion.get(version);
}

/** A version that must exist (stored with answers): its absence is a deployment error. */
export function questionnaire(version: string): QuestionnaireDefinition {
  const found = byVersion.get(version);
  if (!found) throw new Error(`questionnaire version ${version} is not listed`);
  return found;
}
