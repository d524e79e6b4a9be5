import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ForbiddenError } from '@reintegra/platform-errors';

/** Roles that may use the dashboard. */
export const DASHBOARD_ROLES = ['supervisor', 'national-supervisor'] as const;

/**
 * Which paths a supervisor sees: a national supervisor all of them; a municipal supervisor those
 * of the municipality in their token (no municipality claim: nothing).
 */
export interface Scope {
  /** null = every municipality. */
  readonly municipalityCode: string | null;
}

export function scopeOf(actor: Actor): Scope {
  if (hasAnyRole(actor, ['national-supervisor'])) return { municipalityCode: null };
  if (hasAnyRole(actor, ['supervisor']) && actor.municipalityCode)
    return { municipalityCode: actor.municipalityCode };
  throw new ForbiddenError('supervisor.no-municipality', {
    es: 'Su cuenta de supervisión no indica un municipio.',
    en: 'Your supervisor account names no municipality.',
  });
}

/**
 * A filter by municipality within the scope: a national supervisor may name any; a municipal one
 * only their own (another is refused, not silently replaced).
 */
export function municipalityFilter(scope: Scope, requested: string | undefined): string | null {
  if (requested === undefined) return scope.municipalityCode;
  if (scope.municipalityCode !== null && requested !== scope.municipalityCode) {
    throw new ForbiddenError('supervisor.outside-municipality', {
      es: 'Solo puede consultar los expedientes de su municipio.',
      en: 'You may only look at the cases of your municipality.',
    });
  }
  return requested;
}

/** SQL condition on a `municipality_code` column; appends its parameter to `params`. */
export function scopeSql(column: string, municipalityCode: string | null, params: unknown[]) {
  if (municipalityCode === null) return 'true';
  params.push(municipalityCode);
  return `${column} = $${params.length}`;
}
