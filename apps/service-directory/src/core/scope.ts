import { type Actor, canActInMunicipality, hasAnyRole, type Role } from '@reintegra/platform-auth';
import { NotFoundError, outsideMunicipality } from '@reintegra/platform-errors';

/**
 * Who may do what in the directory:
 * - read and ask for routing: every office role (the plan's referral picker, caseworkers, supervisors);
 * - manage: `admin` anywhere; a `supervisor` for locations and services in their municipality, and
 *   organisations whose home is their municipality. Intake officers read only: the directory decides
 *   who is asked for every referral of the municipality, a choice the supervisor answers for.
 */
export const DIRECTORY_READERS: Role[] = [
  'intake-officer',
  'supervisor',
  'national-supervisor',
  'admin',
  'employment-caseworker',
  'education-caseworker',
];
export const DIRECTORY_MANAGERS: Role[] = ['supervisor', 'admin'];

/** A supervisor manages their municipality's entries; admin every one. */
export function assertCanManage(actor: Actor, municipalityCode: string): void {
  if (hasAnyRole(actor, ['admin'])) return;
  if (hasAnyRole(actor, ['supervisor']) && canActInMunicipality(actor, municipalityCode)) return;
  throw outsideMunicipality();
}

export const organizationNotFound = () =>
  new NotFoundError('directory.organization-not-found', {
    es: 'Organización no encontrada en el directorio.',
    en: 'Organisation not found in the directory.',
  });

export const locationNotFound = () =>
  new NotFoundError('directory.location-not-found', {
    es: 'Sede no encontrada en el directorio.',
    en: 'Location not found in the directory.',
  });

export const serviceNotFound = () =>
  new NotFoundError('directory.service-not-found', {
    es: 'Servicio no encontrado en el directorio.',
    en: 'Service not found in the directory.',
  });
