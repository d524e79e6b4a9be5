import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionnaire } from '../questionnaires/questionnaires';
import { scoringDefinitionSchema } from './scoring-definition';
import { CURRENT_SCORING_VERSION, findScoringVersion, scoringVersions } from './scoring-versions';

const folder = join(__dirname, 'versions');
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));

describe('scoring version files', () => {
  it('are all listed, with the current one among them', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(scoringVersions.map((s) => `${s.version}.json`).sort()).toEqual([...files].sort());
    expect(findScoringVersion(CURRENT_SCORING_VERSION)).toBeDefined();
  });

  it.each(files)('%s is valid and named after its version', (name) => {
    const parsed = scoringDefinitionSchema.safeParse(
      JSON.parse(readFileSync(join(folder, name), 'utf8')),
    );
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(`${parsed.data?.version}.json`).toBe(name);
  });

  describe.each(scoringVersions.map((s) => [s.version, s] as const))('%s', (_, scoring) => {
    const indicators = Object.values(scoring.dimensions).flatMap((d) => d.indicators);

    it('has IOM’s 15 indicators, five per dimension', () => {
      expect(indicators).toHaveLength(15);
      for (const dimension of Object.values(scoring.dimensions))
        expect(dimension.indicators).toHaveLength(5);
    });

    it.each(scoring.questionnaireVersions)(
      'fits questionnaire %s: types match, every option scored, no screening item',
      (version) => {
        const items = new Map(
          questionnaire(version).sections.flatMap((s) =>
            s.items.map((item) => [item.id, { item, confidential: !!s.confidential }]),
          ),
        );
        for (const indicator of indicators) {
          const asked = Object.keys(indicator.items).filter((id) => items.has(id));
          expect(asked.length).toBeGreaterThan(0);
          for (const id of asked) {
            const { item, confidential } = items.get(id) ?? {};
            if (!item) throw new Error(`item ${id} vanished`);
            const normalisation = indicator.items[id];
            expect(confidential).toBe(false);
            const compatible = {
              choice: ['single-choice'],
              'yes-no': ['yes-no'],
              range: ['scale', 'number'],
              count: ['multi-choice', 'isco-occupations'],
            }[normalisation.kind];
            expect({ id, type: item.type, ok: compatible.includes(item.type) }).toMatchObject({
              ok: true,
            });
            if (normalisation.kind === 'choice' && item.type === 'single-choice')
              expect(Object.keys(normalisation.scores).sort()).toEqual(
                item.options.map((o) => o.value).sort(),
              );
          }
        }
      },
    );
  });
});
