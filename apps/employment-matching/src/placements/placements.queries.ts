import type { EntityManager, DataSource } from 'typeorm';
import type { PlacementStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import {
  canSeeCandidate,
  canWorkWithCandidate,
  employerOf,
  forbidden,
  isNational,
} from '../core/scope';
import { summarise, type MatchExplanation } from '../domain/matching';

export interface PlacementRow {
  id: string;
  vacancyId: string;
  caseId: string;
  referralId: string | null;
  employerId: string;
  providerId: string;
  status: PlacementStatus;
  reasonCode: string | null;
  score: number;
  explanation: MatchExplanation;
  interviewAt: string | null;
  startsOn: string | null;
  retention30: boolean | null;
  retention90: boolean | null;
  leftReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  iscoCode: string;
  vacancyTitle: string;
  /** Candidate facts for access and for the employer's view. */
  candidateCode: string;
  referredTo: string[];
  municipalityCode: string | null;
  displayName: string | null;
  contactPhone: string | null;
  sharesWithEmployers: boolean;
}

export const PLACEMENT_COLUMNS = `p.id, p.vacancy_id AS "vacancyId", p.case_id AS "caseId",
  p.referral_id AS "referralId", p.employer_id AS "employerId", p.provider_id AS "providerId",
  p.status, p.reason_code AS "reasonCode", p.score::float AS score, p.explanation,
  p.interview_at AS "interviewAt", p.starts_on::text AS "startsOn",
  p.retention_30 AS "retention30", p.retention_90 AS "retention90", p.left_reason AS "leftReason",
  p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  v.isco_code AS "iscoCode", v.title AS "vacancyTitle",
  c.code AS "candidateCode", c.referred_to AS "referredTo",
  c.municipality_code AS "municipalityCode", c.display_name AS "displayName",
  c.contact_phone AS "contactPhone",
  EXISTS (SELECT 1 FROM consents k WHERE k.case_id = p.case_id AND k.purpose = 'partner-sharing'
          AND k.scope = 'employer' AND k.withdrawn_at IS NULL) AS "sharesWithEmployers"`;
export const PLACEMENT_FROM = `placements p JOIN vacancies v ON v.id = p.vacancy_id
  JOIN candidates c ON c.case_id = p.case_id`;

export const placementNotFound = () =>
  new NotFoundError('placement.not-found', {
    es: 'Propuesta de colocación no encontrada.',
    en: 'Placement not found.',
  });

export const today = () => new Date().toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

export type Access = 'employer' | 'staff' | 'reader';

/** How the actor relates to a placement, or undefined if they may not see it. */
export function accessTo(actor: Actor, placement: PlacementRow): Access | undefined {
  const candidate = {
    referredTo: placement.referredTo,
    municipalityCode: placement.municipalityCode,
  };
  if (employerOf(actor) !== undefined && employerOf(actor) === placement.employerId)
    return 'employer';
  if (canWorkWithCandidate(actor, candidate)) return 'staff';
  if (canSeeCandidate(actor, candidate) || isNational(actor)) return 'reader';
  return undefined;
}

/**
 * The view of a placement. An employer sees the vacancy side, the match explanation and the
 * candidate's pseudonymous code; the name and phone only while the person's partner-sharing
 * consent for employers holds. Staff see the case and referral ids and the retention checks.
 */
export function placementView(placement: PlacementRow, access: Access) {
  const common = {
    id: placement.id,
    vacancyId: placement.vacancyId,
    vacancyTitle: placement.vacancyTitle,
    employerId: placement.employerId,
    status: placement.status,
    reasonCode: placement.reasonCode,
    score: placement.score,
    explanation: placement.explanation,
    summary: summarise(placement.explanation),
    interviewAt: placement.interviewAt,
    startsOn: placement.startsOn,
    version: placement.version,
  };
  if (access === 'employer') {
    return {
      ...common,
      candidate: {
        code: placement.candidateCode,
        ...(placement.sharesWithEmployers
          ? { displayName: placement.displayName, contactPhone: placement.contactPhone }
          : {}),
      },
      sharedWithConsent: placement.sharesWithEmployers,
    };
  }
  return {
    ...common,
    caseId: placement.caseId,
    referralId: placement.referralId,
    providerId: placement.providerId,
    candidate: { code: placement.candidateCode, displayName: placement.displayName },
    retention: {
      day30: placement.retention30,
      day90: placement.retention90,
      leftReason: placement.leftReason,
    },
    createdAt: placement.createdAt,
  };
}

/** One step on a placement by someone allowed to take it, in one transaction. */
export function placementStep(
  dataSource: DataSource,
  placementId: string,
  actor: Actor,
  allowed: readonly Access[],
  apply: (manager: EntityManager, placement: PlacementRow, now: Date) => Promise<void>,
) {
  return dataSource.transaction(async (manager) => {
    const placement = await readPlacement(manager, placementId, true);
    const access = accessTo(actor, placement);
    if (!access) throw placementNotFound();
    if (!allowed.includes(access)) throw forbidden();
    await apply(manager, placement, new Date());
    return placementView(await readPlacement(manager, placement.id), access);
  });
}

export async function readPlacement(manager: EntityManager, placementId: string, lock = false) {
  const rows = (await manager.query(
    `SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [placementId],
  )) as PlacementRow[];
  if (!rows[0]) throw placementNotFound();
  return rows[0];
}

export const profileMissing = () =>
  new UnprocessableError('candidate.profile-missing', {
    es: 'Registre primero el perfil laboral de la persona (PUT /candidates/:caseId/profile).',
    en: "Record the person's skills profile first (PUT /candidates/:caseId/profile).",
  });

export const vacancyClosed = () =>
  new UnprocessableError('vacancy.closed', {
    es: 'La oferta está cerrada: no admite propuestas.',
    en: 'The vacancy is closed to proposals.',
  });
