import { scoringDefinitionSchema, type ScoringDefinition } from './scoring-definition';
import economicPriority1 from './versions/economic-priority-1.json';
import equalWeights1 from './versions/equal-weights-1.json';

/**
 * The scoring versions, listed here (not read from a folder) so the bundled service carries them;
 * the unit test checks every file of `versions/` is listed and fits every questionnaire it names.
 */
export const scoringVersions: readonly ScoringDefinition[] = [equalWeights1, economicPriority1].map(
  (file) => scoringDefinitionSchema.parse(file),
);

/**
 * The version new assessments are scored with: equal weights until official ones are loaded.
 * Changing it affects new scores only; stored ones are re-scored on request (`rescore`).
 */
export const CURRENT_SCORING_VERSION = 'equal-weights-1';

const byVersion = new Map(scoringVersions.map((s) => [s.version, s]));

export function findScoringVersion(version: string): ScoringDefinition | undefined {
  return byVersion.get(version);
}

/** A version that must exist: its absence is a deployment error. */
export function scoringVersion(version: string): ScoringDefinition {
  const found = byVersion.get(version);
  if (!found) throw new Error(`scoring version ${version} is not listed`);
  return found;
}

export const currentScoring = (): ScoringDefinition => scoringVersion(CURRENT_SCORING_VERSION);
