import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ForbiddenError, NotFoundError } from '@reintegra/platform-errors';

/**
 * Need-to-know rules of the education service:
 * - admin and national-supervisor see everything;
 * - a supervisor sees the cohorts (and their people) of their municipality;
 * - provider staff (education-caseworker whose organisation is the provider) see and manage only
 *   their own provider's catalogue, cohorts and the people enrolled or referred to them.
 */
export const isNational = (actor: Actor) => hasAnyRole(actor, ['admin', 'national-supervisor']);

export function isProviderStaff(actor: Actor, providerId: string): boolean {
  return hasAnyRole(actor, ['education-caseworker']) && actor.organisationId === providerId;
}

/** Manage a provider's catalogue, enrolments and attendance: its own staff, or an admin. */
export function canManageProvider(actor: Actor, providerId: string): boolean {
  return hasAnyRole(actor, ['admin']) || isProviderStaff(actor, providerId);
}

/** See a cohort (and the people in it). */
export function canSeeCohort(
  actor: Actor,
  cohort: { providerId: string; municipalityCode: string },
): boolean {
  return (
    isNational(actor) ||
    isProviderStaff(actor, cohort.providerId) ||
    (hasAnyRole(actor, ['supervisor']) && actor.municipalityCode === cohort.municipalityCode)
  );
}

export function forbidden(): ForbiddenError {
  return new ForbiddenError('education.forbidden', {
    es: 'No tiene acceso a este proveedor o cohorte.',
    en: 'You have no access to this provider or cohort.',
  });
}

/**
 * A cohort the caller may not see answers 404, not 403: its existence is itself need-to-know.
 * Managing a cohort the caller can see but not manage (a supervisor) answers 403.
 */
export function cohortNotFound(): NotFoundError {
  return new NotFoundError('cohort.not-found', {
    es: 'Cohorte no encontrada.',
    en: 'Cohort not found.',
  });
}

/**
 * SQL condition restricting cohorts (alias `c`) to those the actor may see; parameters are
 * appended to `params`.
 */
export function cohortScopeSql(actor: Actor, params: unknown[]): string {
  if (isNational(actor)) return 'true';
  const parts: string[] = [];
  if (hasAnyRole(actor, ['education-caseworker']) && actor.organisationId) {
    params.push(actor.organisationId);
    parts.push(`c.provider_id = $${params.length}`);
  }
  if (hasAnyRole(actor, ['supervisor']) && actor.municipalityCode) {
    params.push(actor.municipalityCode);
    parts.push(`c.municipality_code = $${params.length}`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}
