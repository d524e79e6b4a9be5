import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import { ForbiddenError, NotFoundError } from '@reintegra/platform-errors';

/**
 * Need-to-know rules of the community service:
 * - a community facilitator runs the activities of their municipality (admin: all);
 * - a supervisor reads activities and aggregates of their municipality, national roles all;
 * - reflection notes of a sensitive session: only the facilitators named on the activity.
 */
export interface ScopedActivity {
  municipalityCode: string;
  facilitators: string[];
}

export const isFacilitator = (actor: Actor) => hasAnyRole(actor, ['community-facilitator']);

export function canManageActivity(actor: Actor, activity: ScopedActivity): boolean {
  return (
    hasAnyRole(actor, ['admin']) ||
    (isFacilitator(actor) && actor.municipalityCode === activity.municipalityCode)
  );
}

export function canSeeActivity(actor: Actor, activity: ScopedActivity): boolean {
  if (hasAnyRole(actor, ['admin', 'national-supervisor'])) return true;
  return (
    hasAnyRole(actor, ['community-facilitator', 'supervisor']) &&
    canActInMunicipality(actor, activity.municipalityCode)
  );
}

/** Guided reflection: the facilitators named on the activity, nobody else (not even an admin). */
export function canKeepReflectionNotes(actor: Actor, activity: ScopedActivity): boolean {
  return (
    isFacilitator(actor) &&
    actor.municipalityCode === activity.municipalityCode &&
    activity.facilitators.includes(actor.subject)
  );
}

/** SQL condition restricting activities (alias `a`) to those the actor may see. */
export function activityScopeSql(actor: Actor, params: unknown[]): string {
  if (hasAnyRole(actor, ['admin', 'national-supervisor'])) return 'true';
  if (hasAnyRole(actor, ['community-facilitator', 'supervisor']) && actor.municipalityCode) {
    params.push(actor.municipalityCode);
    return `a.municipality_code = $${params.length}`;
  }
  return 'false';
}

/** An activity the caller may not see answers 404: its existence is itself need-to-know. */
export const activityNotFound = () =>
  new NotFoundError('activity.not-found', {
    es: 'Actividad no encontrada.',
    en: 'Activity not found.',
  });

export const sessionNotFound = () =>
  new NotFoundError('session.not-found', {
    es: 'Sesión no encontrada.',
    en: 'Session not found.',
  });

export const participantNotFound = () =>
  new NotFoundError('participant.not-found', {
    es: 'Participante no encontrado.',
    en: 'Participant not found.',
  });

export const proposalNotFound = () =>
  new NotFoundError('proposal.not-found', {
    es: 'Propuesta no encontrada.',
    en: 'Proposal not found.',
  });

/** Seen but not run by the caller (a supervisor, a facilitator not named on the activity): 403. */
export const notYourActivity = () =>
  new ForbiddenError('activity.forbidden', {
    es: 'No facilita esta actividad.',
    en: 'You do not facilitate this activity.',
  });
