import { ConflictError } from '@reintegra/platform-errors';
import {
  placementLifecycle,
  projectLifecycle,
  recognitionLifecycle,
  trainingLifecycle,
} from './lifecycles';

describe('lifecycles', () => {
  it('lets a placement go proposed → interviewing → hired and nowhere after', () => {
    expect(placementLifecycle.can('proposed', 'interviewing')).toBe(true);
    expect(placementLifecycle.can('interviewing', 'hired')).toBe(true);
    expect(placementLifecycle.isFinal('hired')).toBe(true);
    expect(() => placementLifecycle.assert('hired', 'withdrawn')).toThrow(ConflictError);
  });

  it('explains a refused move in both languages', () => {
    try {
      projectLifecycle.assert('idea', 'operating');
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'project.invalid-transition',
        localized: {
          es: 'Un emprendimiento en estado «idea» no puede pasar a «en operación».',
          en: 'A project that is an idea cannot become operating.',
        },
      });
    }
  });

  it('follows idea → approved → seed support → operating, closable on the way', () => {
    const path = ['idea', 'approved', 'seed-support', 'operating'] as const;
    const steps = path.slice(1).map((to, i) => [path[i] ?? 'idea', to] as const);
    for (const [from, to] of steps) expect(projectLifecycle.can(from, to)).toBe(true);
    for (const from of path) expect(projectLifecycle.can(from, 'closed')).toBe(true);
  });

  it('certifies a training only after completion, a competence only after assessment', () => {
    expect(trainingLifecycle.can('enrolled', 'certified')).toBe(false);
    expect(trainingLifecycle.can('completed', 'certified')).toBe(true);
    expect(recognitionLifecycle.can('requested', 'certified')).toBe(false);
    expect(recognitionLifecycle.can('assessed', 'not-certified')).toBe(true);
  });
});
