import type { EntityManager } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { UnprocessableError } from '@reintegra/platform-errors';

/**
 * Object-level rule for a person's data in this service: a case exists here only through an
 * education referral. Provider staff reach a case only when a referral of it is addressed to their
 * organisation (any status: it stays in their referral queue); an admin reaches any referred case.
 * Callers answer "not found" otherwise, so nobody learns whether the case exists elsewhere.
 */
export async function canReachCase(
  manager: EntityManager,
  actor: Actor,
  caseId: string,
): Promise<boolean> {
  if (hasAnyRole(actor, ['admin'])) return referralExists(manager, caseId);
  if (!hasAnyRole(actor, ['education-caseworker']) || !actor.organisationId) return false;
  return referralExists(manager, caseId, actor.organisationId);
}

/** Whether an education referral of the case exists (addressed to the provider, when given). */
export async function referralExists(
  manager: EntityManager,
  caseId: string,
  providerId?: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM referrals
      WHERE case_id = $1 AND ($2::text IS NULL OR $2 = ANY (provider_ids)) LIMIT 1`,
    [caseId, providerId ?? null],
  )) as unknown[];
  return rows.length > 0;
}

/** Whether the referral is this case's and addressed to the provider (a person's enrolment request). */
export async function referralMatches(
  manager: EntityManager,
  referralId: string,
  caseId: string,
  providerId: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM referrals WHERE id = $1 AND case_id = $2 AND $3 = ANY (provider_ids)`,
    [referralId, caseId, providerId],
  )) as unknown[];
  return rows.length > 0;
}

/** Unknown referral, another case's or another organisation's: one answer. */
export const referralMismatch = () =>
  new UnprocessableError('enrolment.referral-mismatch', {
    es: 'La remisión indicada no es de este expediente ni está dirigida a este proveedor.',
    en: 'The referral given is not this case’s or not addressed to this provider.',
  });
