import { z } from 'zod';
import { type Actor, actorReference, hasAnyRole } from '@reintegra/platform-auth';
import { ForbiddenError, UnprocessableError } from '@reintegra/platform-errors';

/**
 * How far a note or document is seen, within the office of the case's municipality (CaseAccess
 * has already kept everyone else out):
 * - `general`: every office role of that municipality (officers, supervisors) and national
 *   supervisors;
 * - `restricted` (a disclosure of violence, a health detail, a legal matter): only its author and
 *   the supervisors (municipal and national), and each read names its reason.
 */
export const confidentialitySchema = z
  .enum(['general', 'restricted'])
  .describe('general: the office of the case; restricted: its author and supervisors only');
export type Confidentiality = z.infer<typeof confidentialitySchema>;

/** Why a restricted record is read: a code for the audit log, never free text. */
export const readReasonSchema = z
  .enum(['case-follow-up', 'supervision', 'safeguarding', 'legal-request', 'data-subject-request'])
  .describe(
    'Why a restricted note or document is read (required for those; written to the audit log)',
  );
export type ReadReason = z.infer<typeof readReasonSchema>;

export const readReasonQuerySchema = z.object({ reason: readReasonSchema.optional() });

const SUPERVISORS = ['supervisor', 'national-supervisor'] as const;

/** Whether the actor sees the content of a record of this level written by `author`. */
export function maySeeContent(actor: Actor, confidentiality: Confidentiality, author: string) {
  return (
    confidentiality === 'general' ||
    actorReference(actor) === author ||
    hasAnyRole(actor, SUPERVISORS)
  );
}

/** Refuses the content of a restricted record to others (403) and to a read without reason (422). */
export function assertMayRead(
  actor: Actor,
  record: { confidentiality: Confidentiality; author: string },
  reason: ReadReason | undefined,
): void {
  if (!maySeeContent(actor, record.confidentiality, record.author)) {
    throw new ForbiddenError('record.restricted', {
      es: 'Este registro es reservado: solo lo leen quien lo escribió y las personas supervisoras.',
      en: 'This record is restricted: only its author and supervisors may read it.',
    });
  }
  if (record.confidentiality === 'restricted' && !reason) {
    throw new UnprocessableError('record.reason-required', {
      es: 'Indique el motivo de la consulta (parámetro reason) para leer un registro reservado.',
      en: 'State the reason for reading (the reason parameter) to read a restricted record.',
    });
  }
}
