import { breakingChanges } from './schema-compatibility';

const published = {
  type: 'object',
  properties: {
    service: { type: 'string', enum: ['employment', 'education'] },
    providerId: { type: 'string', minLength: 1, maxLength: 100 },
    scores: {
      type: 'object',
      properties: { economic: { type: 'number', minimum: 0, maximum: 1 } },
      required: [],
    },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['service', 'providerId'],
};

const changed = (edit: (schema: typeof published) => void) => {
  const copy = structuredClone(published);
  edit(copy);
  return breakingChanges(published, copy);
};

describe('schema compatibility guard', () => {
  it('passes an identical schema and additive changes', () => {
    expect(breakingChanges(published, published)).toEqual([]);
    expect(
      changed((s) => {
        Object.assign(s.properties, { wave: { type: 'integer' } });
        s.properties.service.enum.push('health');
        s.properties.providerId.maxLength = 200;
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'a removed field',
      (s: typeof published) => delete (s.properties as Record<string, unknown>)['providerId'],
      'providerId: removed',
    ],
    [
      'a type change',
      (s: typeof published) => Object.assign(s.properties.providerId, { type: 'integer' }),
      'providerId: type changed from string to integer',
    ],
    [
      'a new required field',
      (s: typeof published) => {
        Object.assign(s.properties, { wave: { type: 'integer' } });
        s.required.push('wave');
      },
      'wave: new required field',
    ],
    [
      'a narrowed enum',
      (s: typeof published) => s.properties.service.enum.pop(),
      'service: enum narrowed (removed education)',
    ],
    [
      'a field no longer required',
      (s: typeof published) => s.required.pop(),
      'providerId: no longer required',
    ],
    [
      'a tighter bound',
      (s: typeof published) =>
        Object.assign(s.properties.scores.properties.economic, { maximum: 0.5 }),
      'scores.economic: maximum tightened',
    ],
    [
      'a nested type change',
      (s: typeof published) => Object.assign(s.properties.tags.items, { type: 'number' }),
      'tags[]: type changed from string to number',
    ],
    [
      'a new pattern',
      (s: typeof published) => Object.assign(s.properties.providerId, { pattern: '^[a-z]+$' }),
      'providerId: pattern changed',
    ],
  ])('fails on %s', (_name, edit, problem) => {
    expect(changed(edit as (schema: typeof published) => void)).toContain(problem);
  });
});
