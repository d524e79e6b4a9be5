import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionnaireDefinitionSchema } from './questionnaire-definition';
import { questionnaires } from './questionnaires';

const folder = join(__dirname, 'versions');
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
const load = (name: string): unknown => JSON.parse(readFileSync(join(folder, name), 'utf8'));

describe('questionnaire definition files', () => {
  it('ships at least two versions, all listed in the registry', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(questionnaires.map((q) => `${q.version}.json`).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s is a valid definition named after its version', (name) => {
    const parsed = questionnaireDefinitionSchema.safeParse(load(name));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(`${parsed.data?.version}.json`).toBe(name);
  });

  it.each(files)('%s covers every area of the needs assessment', (name) => {
    const definition = questionnaireDefinitionSchema.parse(load(name));
    const sections = definition.sections.map((s) => s.id);
    expect(sections).toEqual(
      expect.arrayContaining([
        'work-skills',
        'certifications',
        'education',
        'psychosocial-wellbeing',
        'violence-screening',
        'documents-legal',
        'health',
        'housing',
        'family',
      ]),
    );
    const items = definition.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.id === 'occupations')?.type).toBe('isco-occupations');
    expect(items.find((i) => i.id === 'last-grade-completed')?.type).toBe('number');
    expect(definition.sections.filter((s) => s.confidential).map((s) => s.id)).toEqual([
      'violence-screening',
    ]);
  });

  const minimal = (overrides: Record<string, unknown>) => ({
    version: 'test-1',
    title: { es: 'Prueba', en: 'Test' },
    publishedOn: '2026-01-01',
    sections: [
      {
        id: 'general',
        title: { es: 'General', en: 'General' },
        items: [{ id: 'has-dui', type: 'yes-no', label: { es: '¿DUI?', en: 'DUI?' } }],
        ...overrides,
      },
    ],
  });

  it('rejects repeated item ids, labels without English and bad ranges', () => {
    const repeated = minimal({
      items: [
        { id: 'has-dui', type: 'yes-no', label: { es: 'a', en: 'a' } },
        { id: 'has-dui', type: 'yes-no', label: { es: 'b', en: 'b' } },
      ],
    });
    expect(questionnaireDefinitionSchema.safeParse(repeated).success).toBe(false);
    const spanishOnly = minimal({ items: [{ id: 'x-y', type: 'yes-no', label: { es: 'a' } }] });
    expect(questionnaireDefinitionSchema.safeParse(spanishOnly).success).toBe(false);
    const badScale = minimal({
      items: [
        {
          id: 'mood',
          type: 'scale',
          min: 5,
          max: 1,
          label: { es: 'a', en: 'a' },
          minLabel: { es: 'a', en: 'a' },
          maxLabel: { es: 'b', en: 'b' },
        },
      ],
    });
    expect(questionnaireDefinitionSchema.safeParse(badScale).success).toBe(false);
  });

  it('lets only confidential sections suggest victim support', () => {
    const flagged = {
      items: [
        {
          id: 'violence',
          type: 'yes-no',
          suggestsVictimSupportWhen: true,
          label: { es: 'a', en: 'a' },
        },
      ],
    };
    expect(questionnaireDefinitionSchema.safeParse(minimal(flagged)).success).toBe(false);
    expect(
      questionnaireDefinitionSchema.safeParse(minimal({ ...flagged, confidential: true })).success,
    ).toBe(true);
  });
});
