import type { PlacementStatus, ProjectStatus, TrainingStatus } from '@reintegra/event-contracts';
import { ConflictError, type LocalizedMessage } from '@reintegra/platform-errors';

/** A status machine: which moves are allowed, and the words for each status in both languages. */
export class Lifecycle<S extends string> {
  constructor(
    private readonly code: string,
    private readonly noun: LocalizedMessage,
    private readonly transitions: Record<S, readonly S[]>,
    private readonly labels: Record<S, LocalizedMessage>,
  ) {}

  can(from: S, to: S): boolean {
    return this.transitions[from].includes(to);
  }

  isFinal(status: S): boolean {
    return this.transitions[status].length === 0;
  }

  /** 409 `<code>.invalid-transition` naming both statuses. */
  assert(from: S, to: S): void {
    if (this.can(from, to)) return;
    throw new ConflictError(`${this.code}.invalid-transition`, {
      es: `${this.noun.es} en estado «${this.labels[from].es}» no puede pasar a «${this.labels[to].es}».`,
      en: `${this.noun.en} that is ${this.labels[from].en} cannot become ${this.labels[to].en}.`,
    });
  }
}

/** proposed → interviewing → hired | not-hired; withdrawn before a decision. */
export const placementLifecycle = new Lifecycle<PlacementStatus>(
  'placement',
  { es: 'Una propuesta', en: 'A placement' },
  {
    proposed: ['interviewing', 'hired', 'not-hired', 'withdrawn'],
    interviewing: ['hired', 'not-hired', 'withdrawn'],
    hired: [],
    'not-hired': [],
    withdrawn: [],
  },
  {
    proposed: { es: 'propuesta', en: 'proposed' },
    interviewing: { es: 'en entrevista', en: 'interviewing' },
    hired: { es: 'contratada', en: 'hired' },
    'not-hired': { es: 'no contratada', en: 'not hired' },
    withdrawn: { es: 'retirada', en: 'withdrawn' },
  },
);

/** A proposal an employer still has to decide on. */
export const OPEN_PLACEMENT: readonly PlacementStatus[] = ['proposed', 'interviewing'];

/** enrolled → completed → certified; dropped while enrolled. */
export const trainingLifecycle = new Lifecycle<TrainingStatus>(
  'training',
  { es: 'Una matrícula de escuela taller', en: 'A workshop-school enrolment' },
  {
    enrolled: ['completed', 'dropped'],
    completed: ['certified'],
    certified: [],
    dropped: [],
  },
  {
    enrolled: { es: 'inscrita', en: 'enrolled' },
    completed: { es: 'finalizada', en: 'completed' },
    certified: { es: 'certificada', en: 'certified' },
    dropped: { es: 'retirada', en: 'dropped' },
  },
);

/** idea → approved → seed-support → operating; closed from any step before. */
export const projectLifecycle = new Lifecycle<ProjectStatus>(
  'project',
  { es: 'Un emprendimiento', en: 'A project' },
  {
    idea: ['approved', 'closed'],
    approved: ['seed-support', 'closed'],
    'seed-support': ['operating', 'closed'],
    operating: ['closed'],
    closed: [],
  },
  {
    idea: { es: 'idea', en: 'an idea' },
    approved: { es: 'aprobado', en: 'approved' },
    'seed-support': { es: 'capital semilla', en: 'in seed support' },
    operating: { es: 'en operación', en: 'operating' },
    closed: { es: 'cerrado', en: 'closed' },
  },
);

export type RecognitionStatus = 'requested' | 'assessed' | 'certified' | 'not-certified';

/** Competence recognition: requested → assessed → certified | not-certified. */
export const recognitionLifecycle = new Lifecycle<RecognitionStatus>(
  'recognition',
  { es: 'Una solicitud de reconocimiento de competencias', en: 'A competence recognition' },
  {
    requested: ['assessed'],
    assessed: ['certified', 'not-certified'],
    certified: [],
    'not-certified': [],
  },
  {
    requested: { es: 'solicitada', en: 'requested' },
    assessed: { es: 'evaluada', en: 'assessed' },
    certified: { es: 'certificada', en: 'certified' },
    'not-certified': { es: 'no certificada', en: 'not certified' },
  },
);
