import type { EnrolmentStatus } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';

/**
 * The enrolment lifecycle. A request is `pending` only inside its transaction: it leaves as
 * `enrolled` (a seat was free) or `waitlisted`. Completed and dropped are final.
 */
const TRANSITIONS: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  pending: ['enrolled', 'waitlisted', 'dropped'],
  waitlisted: ['enrolled', 'dropped'],
  enrolled: ['attending', 'dropped'],
  attending: ['completed', 'dropped'],
  completed: [],
  dropped: [],
};

/** Statuses that hold a seat of the cohort. */
export const SEAT_HOLDING: readonly EnrolmentStatus[] = ['enrolled', 'attending'];

/** Statuses of a live enrolment (one per case and cohort). */
export const LIVE: readonly EnrolmentStatus[] = ['pending', 'waitlisted', 'enrolled', 'attending'];

export function canTransition(from: EnrolmentStatus, to: EnrolmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

const LABEL: Record<EnrolmentStatus, { es: string; en: string }> = {
  pending: { es: 'pendiente', en: 'pending' },
  waitlisted: { es: 'en lista de espera', en: 'waitlisted' },
  enrolled: { es: 'matriculada', en: 'enrolled' },
  attending: { es: 'asistiendo', en: 'attending' },
  completed: { es: 'finalizada', en: 'completed' },
  dropped: { es: 'retirada', en: 'dropped' },
};

export function assertTransition(from: EnrolmentStatus, to: EnrolmentStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError('enrolment.invalid-transition', {
      es: `Una matrícula ${LABEL[from].es} no puede pasar a ${LABEL[to].es}.`,
      en: `An enrolment that is ${LABEL[from].en} cannot become ${LABEL[to].en}.`,
    });
  }
}
