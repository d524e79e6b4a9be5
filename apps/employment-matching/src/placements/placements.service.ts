import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { PlacementStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, UnprocessableError } from '@reintegra/platform-errors';
import { assertCanWork, candidateScopeSql, employerOf, forbidden } from '../core/scope';
import { readCandidate, toMatchCandidate } from '../core/candidates.queries';
import { OPEN_PLACEMENT, placementLifecycle } from '../domain/lifecycles';
import { explainMatch } from '../domain/matching';
import type { EventContext } from '@reintegra/platform-messaging';
import { CaseWork } from '../core/case-work';
import { readVacancy, toMatchVacancy } from '../core/vacancies.queries';
import type { HireRequest, InterviewRequest, ProposePlacementRequest } from './placements.requests';
import {
  PLACEMENT_COLUMNS,
  PLACEMENT_FROM,
  placementNotFound,
  accessTo,
  placementView,
  placementStep,
  readPlacement,
  profileMissing,
  vacancyClosed,
  type Access,
  type PlacementRow,
} from './placements.queries';

/**
 * Proposals of candidates to vacancies and the loop after them: interview → hired | not hired →
 * retention at 30 and 90 days. Every step is one transaction with its events (placement,
 * vacancy capacity, referral status). Lock order: candidate, then vacancy, then placements.
 */
@Injectable()
export class PlacementsService extends CaseWork implements OnModuleInit {
  /** Its part when a person's work stops (see CaseWindDown). */
  onModuleInit(): void {
    this.windDown.register({
      order: 1,
      run: async (manager, caseId, ...rest) => {
        await this.withdrawOpen(manager, { caseId }, ...rest);
      },
    });
  }

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
        return placementView(await readPlacement(manager, id), 'staff');
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
    const placement = await readPlacement(this.dataSource.manager, placementId);
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
    return placementStep(
      this.dataSource,
      placementId,
      actor,
      ['employer', 'staff'],
      async (manager, placement, now) => {
        placementLifecycle.assert(placement.status, 'interviewing');
        await manager.query(
          `UPDATE placements SET status = 'interviewing', interview_at = $2, version = version + 1,
                               updated_at = $3 WHERE id = $1`,
          [placement.id, request.at ?? null, now],
        );
        await this.moved(manager, placement, 'interviewing', null, context, now);
      },
    );
  }

  async notHired(placementId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.close(placementId, 'not-hired', ['employer', 'staff'], reasonCode, actor, context);
  }

  /** The caseworker takes a proposal back (the person declined, found other work, …). */
  async withdraw(placementId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.close(placementId, 'withdrawn', ['staff'], reasonCode, actor, context);
  }

  /** Ends a proposal without a hire, as those allowed may (with the reason code). */
  private close(
    placementId: string,
    to: 'not-hired' | 'withdrawn',
    allowed: readonly Access[],
    reasonCode: string,
    actor: Actor,
    context: EventContext,
  ) {
    return placementStep(
      this.dataSource,
      placementId,
      actor,
      allowed,
      async (manager, placement, now) => {
        placementLifecycle.assert(placement.status, to);
        await this.setFinal(manager, placement, to, reasonCode, context, now);
      },
    );
  }

  /**
   * Hires into a post. The vacancy row is locked and its free posts counted under the lock, so of
   * two hires for the last post exactly one wins; the other gets 409 `vacancy.no-posts-left`.
   * Filling the last post closes the vacancy and withdraws its other proposals; the person's
   * other open proposals are withdrawn too, and the referral completes with outcome `hired`.
   */
  async hire(placementId: string, request: HireRequest, actor: Actor, context: EventContext) {
    const located = await readPlacement(this.dataSource.manager, placementId);
    if (!accessTo(actor, located)) throw placementNotFound();
    return this.dataSource.transaction(async (manager) => {
      await readCandidate(manager, located.caseId, true);
      const vacancy = await readVacancy(manager, located.vacancyId, 'update');
      const placement = await readPlacement(manager, placementId, true);
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
      return placementView(await readPlacement(manager, placement.id), access);
    });
  }

  /** Still in the job 30 and 90 days after starting? Due from the checkpoint day, 30 before 90. */
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
}
