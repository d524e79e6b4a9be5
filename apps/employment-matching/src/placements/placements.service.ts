import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { PlacementStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError } from '@reintegra/platform-errors';
import {
  assertCanWork,
  candidateScopeSql,
  canSeeCandidate,
  canWorkWithCandidate,
  employerOf,
  forbidden,
  isNational,
} from '../access/scope';
import { readCandidate, toMatchCandidate } from '../candidates/candidate-rows';
import { UnprocessableError } from '../domain/errors';
import { OPEN_PLACEMENT, placementLifecycle } from '../domain/lifecycles';
import { explainMatch, summarise, type MatchExplanation } from '../domain/matching';
import { EmploymentEvents, type EventContext } from '../events/employment-events';
import { ReferralLedger } from '../referrals/referral-ledger';
import { readVacancy, toMatchVacancy } from '../vacancies/vacancy-rows';
import type {
  HireRequest,
  InterviewRequest,
  ProposePlacementRequest,
  RetentionCheckRequest,
} from './placement-requests';

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

const PLACEMENT_COLUMNS = `p.id, p.vacancy_id AS "vacancyId", p.case_id AS "caseId",
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
          AND k.scope = 'employers' AND k.withdrawn_at IS NULL) AS "sharesWithEmployers"`;
const PLACEMENT_FROM = `placements p JOIN vacancies v ON v.id = p.vacancy_id
  JOIN candidates c ON c.case_id = p.case_id`;

const placementNotFound = () =>
  new NotFoundError('placement.not-found', {
    es: 'Propuesta de colocación no encontrada.',
    en: 'Placement not found.',
  });

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

type Access = 'employer' | 'staff' | 'reader';

/** How the actor relates to a placement, or undefined if they may not see it. */
function accessTo(actor: Actor, placement: PlacementRow): Access | undefined {
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

/**
 * Proposals of candidates to vacancies and the loop after them: interview → hired | not hired →
 * retention at 30 and 90 days. Every step is one transaction with its events (placement,
 * vacancy capacity, referral status). Lock order: candidate, then vacancy, then placements.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EmploymentEvents,
    private readonly referrals: ReferralLedger,
  ) {}

  async propose(request: ProposePlacementRequest, actor: Actor, context: EventContext) {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const candidate = await readCandidate(manager, request.caseId, true);
        assertCanWork(actor, candidate);
        if (!candidate.profiled) throw profileMissing();
        if (!candidate.open) {
          throw new UnprocessableError('candidate.closed', {
            es: 'La persona no tiene una remisión vigente o retiró su consentimiento.',
            en: 'The person has no live referral or withdrew consent.',
          });
        }
        const vacancy = await readVacancy(manager, request.vacancyId, 'share');
        if (!vacancy.open) throw vacancyClosed();
        const referral = await this.referrals.requireAccepted(manager, candidate.caseId);
        const explanation = explainMatch(toMatchCandidate(candidate), toMatchVacancy(vacancy));
        if (!explanation) {
          throw new UnprocessableError('placement.minimum-age', {
            es: 'Es un trabajo solo para personas adultas (trabajo peligroso): no se puede proponer a una persona menor de edad.',
            en: 'This job is for adults only (hazardous work): a minor cannot be proposed.',
          });
        }
        const id = randomUUID();
        const now = new Date();
        const providerId = referral.providerId;
        await manager.query(
          `INSERT INTO placements (id, vacancy_id, case_id, referral_id, employer_id, provider_id,
                                   status, score, explanation, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8, $9, $9)`,
          [
            id,
            vacancy.id,
            candidate.caseId,
            referral.id,
            vacancy.employerId,
            providerId,
            explanation.score,
            JSON.stringify(explanation),
            now,
          ],
        );
        await this.events.placementMoved(
          manager,
          {
            placementId: id,
            caseId: candidate.caseId,
            vacancyId: vacancy.id,
            employerId: vacancy.employerId,
            providerId,
            referralId: referral.id,
            iscoCode: vacancy.iscoCode,
            status: 'proposed',
          },
          context,
          now,
        );
        await this.referrals.markInProgress(manager, referral, context, now);
        return placementView(await this.read(manager, id), 'staff');
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'placements_one_live_per_case'
      ) {
        throw new ConflictError('placement.duplicate', {
          es: 'Esta persona ya tiene una propuesta vigente para esta oferta.',
          en: 'This person already has a live proposal for this vacancy.',
        });
      }
      throw error;
    }
  }

  async get(placementId: string, actor: Actor) {
    const placement = await this.read(this.dataSource.manager, placementId);
    const access = accessTo(actor, placement);
    if (!access) throw placementNotFound();
    return placementView(placement, access);
  }

  /** Placements the actor may see: an employer its own, staff their candidates'. */
  async list(actor: Actor, filter: { vacancyId?: string; caseId?: string }) {
    const params: unknown[] = [];
    const where: string[] = [];
    const employer = employerOf(actor);
    if (employer !== undefined) {
      params.push(employer);
      where.push(`p.employer_id = $${params.length}`);
    } else {
      where.push(candidateScopeSql(actor, params));
    }
    if (filter.vacancyId) {
      params.push(filter.vacancyId);
      where.push(`p.vacancy_id = $${params.length}`);
    }
    if (filter.caseId) {
      params.push(filter.caseId);
      where.push(`p.case_id = $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM}
        WHERE ${where.length ? where.join(' AND ') : 'true'}
        ORDER BY p.created_at DESC LIMIT 500`,
      params,
    )) as PlacementRow[];
    return rows.map((row) => placementView(row, employer !== undefined ? 'employer' : 'staff'));
  }

  async interview(
    placementId: string,
    request: InterviewRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.step(placementId, actor, ['employer', 'staff'], async (manager, placement, now) => {
      placementLifecycle.assert(placement.status, 'interviewing');
      await manager.query(
        `UPDATE placements SET status = 'interviewing', interview_at = $2, version = version + 1,
                               updated_at = $3 WHERE id = $1`,
        [placement.id, request.at ?? null, now],
      );
      await this.moved(manager, placement, 'interviewing', null, context, now);
    });
  }

  async notHired(placementId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.step(placementId, actor, ['employer', 'staff'], async (manager, placement, now) => {
      placementLifecycle.assert(placement.status, 'not-hired');
      await this.setFinal(manager, placement, 'not-hired', reasonCode, context, now);
    });
  }

  /** The caseworker takes a proposal back (the person declined, found other work, …). */
  async withdraw(placementId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.step(placementId, actor, ['staff'], async (manager, placement, now) => {
      placementLifecycle.assert(placement.status, 'withdrawn');
      await this.setFinal(manager, placement, 'withdrawn', reasonCode, context, now);
    });
  }

  /**
   * Hires into a post. The vacancy row is locked and its free posts counted under the lock, so of
   * two hires for the last post exactly one wins; the other gets 409 `vacancy.no-posts-left`.
   * Filling the last post closes the vacancy and withdraws its other proposals; the person's
   * other open proposals are withdrawn too, and the referral completes with outcome `hired`.
   */
  async hire(placementId: string, request: HireRequest, actor: Actor, context: EventContext) {
    const located = await this.read(this.dataSource.manager, placementId);
    if (!accessTo(actor, located)) throw placementNotFound();
    return this.dataSource.transaction(async (manager) => {
      await readCandidate(manager, located.caseId, true);
      const vacancy = await readVacancy(manager, located.vacancyId, 'update');
      const placement = await this.read(manager, placementId, true);
      const access = accessTo(actor, placement);
      if (!access) throw placementNotFound();
      if (access === 'reader') throw forbidden();
      if (vacancy.postsFilled >= vacancy.posts) {
        throw new ConflictError('vacancy.no-posts-left', {
          es: 'La oferta ya no tiene plazas libres: otra persona ocupó la última.',
          en: 'The vacancy has no posts left: someone else took the last one.',
        });
      }
      placementLifecycle.assert(placement.status, 'hired');
      const now = new Date();
      await manager.query(
        `UPDATE placements SET status = 'hired', starts_on = $2, version = version + 1, updated_at = $3
          WHERE id = $1`,
        [placement.id, request.startsOn, now],
      );
      await this.moved(manager, placement, 'hired', null, context, now, request.startsOn);
      const filled = vacancy.postsFilled + 1;
      const stillOpen = vacancy.open && filled < vacancy.posts;
      await manager.query(
        `UPDATE vacancies SET posts_filled = $2, open = $3, version = version + 1, updated_at = $4
          WHERE id = $1`,
        [vacancy.id, filled, stillOpen, now],
      );
      await this.events.vacancyCapacity(
        manager,
        { ...vacancy, postsFilled: filled, open: stillOpen },
        context,
        now,
      );
      if (!stillOpen) {
        await this.withdrawOpen(manager, { vacancyId: vacancy.id }, 'vacancy-filled', context, now);
      }
      await this.withdrawOpen(
        manager,
        { caseId: placement.caseId, exceptId: placement.id },
        'hired-elsewhere',
        context,
        now,
      );
      await this.referrals.complete(manager, placement.referralId, 'hired', context, now);
      return placementView(await this.read(manager, placement.id), access);
    });
  }

  /** Still in the job 30 and 90 days after starting? Due from the checkpoint day, 30 before 90. */
  async recordRetention(
    placementId: string,
    request: RetentionCheckRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.step(placementId, actor, ['staff'], async (manager, placement, now) => {
      if (placement.status !== 'hired' || !placement.startsOn) {
        throw new UnprocessableError('retention.not-hired', {
          es: 'Solo se da seguimiento de permanencia a una contratación.',
          en: 'Retention is checked only for a hire.',
        });
      }
      const checkedOn = request.checkedOn ?? today();
      const due = addDays(placement.startsOn, request.checkpointDays);
      if (checkedOn < due) {
        throw new UnprocessableError('retention.not-due', {
          es: `El seguimiento de ${request.checkpointDays} días corresponde desde el ${due}.`,
          en: `The ${request.checkpointDays}-day check is due from ${due}.`,
        });
      }
      const [current, earlier] =
        request.checkpointDays === 30
          ? [placement.retention30, null]
          : [placement.retention90, placement.retention30];
      if (current !== null) {
        throw new ConflictError('retention.already-recorded', {
          es: `El seguimiento de ${request.checkpointDays} días ya está registrado.`,
          en: `The ${request.checkpointDays}-day check is already recorded.`,
        });
      }
      if (request.checkpointDays === 90 && earlier !== true) {
        throw new ConflictError(
          earlier === false ? 'retention.already-left' : 'retention.out-of-order',
          {
            es:
              earlier === false
                ? 'La persona ya había dejado el empleo a los 30 días.'
                : 'Registre primero el seguimiento de 30 días.',
            en:
              earlier === false
                ? 'The person had already left the job at 30 days.'
                : 'Record the 30-day check first.',
          },
        );
      }
      await manager.query(
        `UPDATE placements SET ${request.checkpointDays === 30 ? 'retention_30' : 'retention_90'} = $2,
                left_reason = coalesce($3, left_reason), version = version + 1, updated_at = $4
          WHERE id = $1`,
        [placement.id, request.employed, request.employed ? null : request.reasonCode, now],
      );
      await this.events.retentionChecked(
        manager,
        {
          placementId: placement.id,
          caseId: placement.caseId,
          vacancyId: placement.vacancyId,
          employerId: placement.employerId,
          referralId: placement.referralId,
          checkpointDays: request.checkpointDays,
          employed: request.employed,
          reasonCode: request.employed ? null : request.reasonCode,
          checkedOn,
        },
        context,
        now,
      );
    });
  }

  /**
   * Withdraws the open proposals of a vacancy (closed or filled) or of a person (hired
   * elsewhere, consent withdrawn, referral ended), in the caller's transaction.
   */
  async withdrawOpen(
    manager: EntityManager,
    which: { vacancyId: string } | { caseId: string; exceptId?: string },
    reasonCode: string,
    context: EventContext,
    now = new Date(),
  ): Promise<number> {
    const [column, value] =
      'vacancyId' in which ? ['p.vacancy_id', which.vacancyId] : ['p.case_id', which.caseId];
    const open = (await manager.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM}
        WHERE ${column} = $1 AND p.status = ANY ($2) AND p.id <> $3
        ORDER BY p.created_at FOR UPDATE OF p`,
      [
        value,
        OPEN_PLACEMENT,
        'exceptId' in which && which.exceptId ? which.exceptId : randomUUID(),
      ],
    )) as PlacementRow[];
    for (const placement of open) {
      await this.setFinal(manager, placement, 'withdrawn', reasonCode, context, now);
    }
    return open.length;
  }

  private async setFinal(
    manager: EntityManager,
    placement: PlacementRow,
    to: 'not-hired' | 'withdrawn',
    reasonCode: string,
    context: EventContext,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE placements SET status = $2, reason_code = $3, version = version + 1, updated_at = $4
        WHERE id = $1`,
      [placement.id, to, reasonCode, now],
    );
    await this.moved(manager, placement, to, reasonCode, context, now);
  }

  private moved(
    manager: EntityManager,
    placement: PlacementRow,
    to: PlacementStatus,
    reasonCode: string | null,
    context: EventContext,
    now: Date,
    startsOn?: string,
  ): Promise<void> {
    return this.events.placementMoved(
      manager,
      {
        placementId: placement.id,
        caseId: placement.caseId,
        vacancyId: placement.vacancyId,
        employerId: placement.employerId,
        providerId: placement.providerId,
        referralId: placement.referralId,
        iscoCode: placement.iscoCode,
        from: placement.status,
        status: to,
        reasonCode,
        startsOn,
      },
      context,
      now,
    );
  }

  /** One step on a placement by someone allowed to take it, in one transaction. */
  private async step(
    placementId: string,
    actor: Actor,
    allowed: readonly Access[],
    apply: (manager: EntityManager, placement: PlacementRow, now: Date) => Promise<void>,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.read(manager, placementId, true);
      const access = accessTo(actor, placement);
      if (!access) throw placementNotFound();
      if (!allowed.includes(access)) throw forbidden();
      await apply(manager, placement, new Date());
      return placementView(await this.read(manager, placement.id), access);
    });
  }

  private async read(manager: EntityManager, placementId: string, lock = false) {
    const rows = (await manager.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${PLACEMENT_FROM} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
      [placementId],
    )) as PlacementRow[];
    if (!rows[0]) throw placementNotFound();
    return rows[0];
  }
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
