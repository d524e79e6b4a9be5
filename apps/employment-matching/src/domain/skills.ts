import vocabulary from '../reference/skill-synonyms.json';
import { toCode } from './text';

/** A skill or certification code: lower case, digits and hyphens. */
export const SKILL_CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;

const labels = new Map(
  vocabulary.skills.map((skill) => [skill.code, { es: skill.es, en: skill.en }]),
);
const canonical = new Map<string, string>();
for (const skill of vocabulary.skills) {
  for (const synonym of [skill.code, skill.es, skill.en, ...skill.synonyms]) {
    canonical.set(toCode(synonym), skill.code);
  }
}

/**
 * The code of a skill or certification written in free text: known synonyms map to their
 * canonical code ("Drywall" → "tablaroca"), anything else becomes a code as written
 * ("Lectura de planos" → "lectura-de-planos"). Undefined when nothing usable is left.
 */
export function normaliseSkill(text: string): string | undefined {
  const code = toCode(text);
  const known = canonical.get(code);
  if (known) return known;
  return SKILL_CODE.test(code) ? code : undefined;
}

/** Spanish and English label of a known skill code; the code itself otherwise. */
export function skillLabel(code: string): { es: string; en: string } {
  return labels.get(code) ?? { es: code, en: code };
}
