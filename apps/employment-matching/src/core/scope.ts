import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ForbiddenError, NotFoundError } from '@reintegra/platform-errors';

/**
 * Need-to-know rules of the employment service:
 * - admin and national-supervisor see everything; only admin (and the roles below) write;
 * - an employment caseworker sees the candidates referred to their office (organisation) and the
 *   candidates living in their municipality: candidates exist here only because they were
 *   referred to this service; a municipal supervisor sees the latter, read-only;
 * - an employer (partner with an organisation) sees its own vacancies and the proposals made to
 *   them, with the candidate's name only under partner-sharing consent; never the candidate list.
 */
export const isNational = (actor: Actor) => hasAnyRole(actor, ['admin', 'national-supervisor']);
export const isAdmin = (actor: Actor) => hasAnyRole(actor, ['admin']);
export const isCaseworker = (actor: Actor) => hasAnyRole(actor, ['employment-caseworker']);

/** The employer an actor acts for, if it is an employer partner account. */
export const employerOf = (actor: Actor): string | undefined =>
  hasAnyRole(actor, ['partner']) ? actor.organisationId : undefined;

export interface CandidateScope {
  referredTo: readonly string[];
  municipalityCode: string | null;
}

function caseworkerSees(actor: Actor, candidate: CandidateScope): boolean {
  return (
    (actor.organisationId !== undefined && candidate.referredTo.includes(actor.organisationId)) ||
    (actor.municipalityCode !== undefined && candidate.municipalityCode === actor.municipalityCode)
  );
}

/**
 * Who of many candidates the actor may see: the rules of `canSeeCandidate`, with the actor's
 * roles looked at once rather than once per candidate (ranking filters the whole index).
 */
export function candidateVisibility(actor: Actor): (candidate: CandidateScope) => boolean {
  if (isNational(actor)) return () => true;
  const caseworker = isCaseworker(actor);
  const supervisor = hasAnyRole(actor, ['supervisor']);
  const { organisationId, municipalityCode } = actor;
  const local = (candidate: CandidateScope) =>
    municipalityCode !== undefined && candidate.municipalityCode === municipalityCode;
  return (candidate) =>
    (caseworker &&
      ((organisationId !== undefined && candidate.referredTo.includes(organisationId)) ||
        local(candidate))) ||
    (supervisor && local(candidate));
}

export function canSeeCandidate(actor: Actor, candidate: CandidateScope): boolean {
  return candidateVisibility(actor)(candidate);
}

/** Record profiles, proposals, training and projects for a candidate. */
export function canWorkWithCandidate(actor: Actor, candidate: CandidateScope): boolean {
  return isAdmin(actor) || (isCaseworker(actor) && caseworkerSees(actor, candidate));
}

/**
 * SQL condition restricting candidates (alias `c`) to those the actor may see; parameters are
 * appended to `params`.
 */
export function candidateScopeSql(actor: Actor, params: unknown[], alias = 'c'): string {
  if (isNational(actor)) return 'true';
  const parts: string[] = [];
  if (isCaseworker(actor) && actor.organisationId) {
    params.push([actor.organisationId]);
    parts.push(`${alias}.referred_to @> $${params.length}::text[]`);
  }
  if (hasAnyRole(actor, ['employment-caseworker', 'supervisor']) && actor.municipalityCode) {
    params.push(actor.municipalityCode);
    parts.push(`${alias}.municipality_code = $${params.length}`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

/** A candidate the caller may not see answers 404: whether someone was referred is need-to-know. */
export const candidateNotFound = () =>
  new NotFoundError('candidate.not-found', {
    es: 'Persona candidata no encontrada.',
    en: 'Candidate not found.',
  });

export const forbidden = () =>
  new ForbiddenError('employment.forbidden', {
    es: 'Puede consultar este registro, pero no modificarlo.',
    en: 'You may read this record but not change it.',
  });

/** Refuses a write the actor may not make: 403 if they can see the candidate, 404 otherwise. */
export function assertCanWork(actor: Actor, candidate: CandidateScope): void {
  if (canWorkWithCandidate(actor, candidate)) return;
  throw canSeeCandidate(actor, candidate) ? forbidden() : candidateNotFound();
}

export function assertCanSee(actor: Actor, candidate: CandidateScope): void {
  if (!canSeeCandidate(actor, candidate)) throw candidateNotFound();
}
