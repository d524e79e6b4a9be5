import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { EnrolmentStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { canReachCase, referralMatches, referralMismatch } from '../core/case-access';
import { type LockedCohort, lockCohort, today } from '../core/cohorts.queries';
import { EducationEvents } from '../core/education-events.service';
import { canManageProvider, canSeeCohort, cohortNotFound, forbidden } from '../core/scope';
import { checkEligibility, describeReasons, type Eligibility } from '../domain/eligibility';
import { assertTransition, SEAT_HOLDING } from '../domain/enrolment-state';

export interface EnrolmentOutcome {
  enrolmentId: string;
  cohortId: string;
  caseId: string;
  status: EnrolmentStatus;
  waitlistPosition?: number;
}

interface EnrolmentRow {
  id: string;
  cohortId: string;
  caseId: string;
  referralId: string | null;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
}

const ENROLMENT_COLUMNS = `e.id, e.cohort_id AS "cohortId", e.case_id AS "caseId",
  e.referral_id AS "referralId", e.status, e.waitlist_position::int AS "waitlistPosition"`;

export interface LearnerRow {
  dateOfBirth: string;
  lastGradeCompleted: number;
  documents: string[];
  hasGuardian: boolean;
}

export async function findLearner(
  manager: EntityManager,
  caseId: string,
): Promise<LearnerRow | undefined> {
  const rows = (await manager.query(
    `SELECT date_of_birth::text AS "dateOfBirth", last_grade_completed AS "lastGradeCompleted",
            documents, guardian_name IS NOT NULL AS "hasGuardian"
       FROM learners WHERE case_id = $1 AND erased_at IS NULL`,
    [caseId],
  )) as LearnerRow[];
  return rows[0];
}

/** Eligibility is judged on the cohort's start, or today once it has started. */
export function eligibilityFor(learner: LearnerRow, cohort: LockedCohort): Eligibility {
  const on = cohort.startsOn > today() ? cohort.startsOn : today();
  return checkEligibility(learner, cohort, on);
}

export const enrolmentNotFound = () =>
  new NotFoundError('enrolment.not-found', {
    es: 'Matrícula no encontrada.',
    en: 'Enrolment not found.',
  });

/** Access check of a request on a locked cohort; absent for system requests (referrals). */
function authorize(actor: Actor | undefined, cohort: LockedCohort): void {
  if (!actor || canManageProvider(actor, cohort.providerId)) return;
  throw canSeeCohort(actor, cohort) ? forbidden() : cohortNotFound();
}

/**
 * Enrolment requests, drops, completion and waitlist promotion. Every operation runs in one
 * transaction that first locks the cohort row (see lockCohort), writes the rows, and adds the
 * events to the outbox: all of it is committed, or none of it.
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EducationEvents,
  ) {}

  async request(
    input: { cohortId: string; caseId: string; referralId?: string },
    actor: Actor | undefined,
    context: EventContext,
  ): Promise<EnrolmentOutcome> {
    try {
      return await this.dataSource.transaction((manager) =>
        this.requestIn(manager, input, actor, context),
      );
    } catch (error) {
      // The lock already orders requests per cohort; the unique index is the last word.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'enrolments_one_live_per_case'
      ) {
        throw duplicateEnrolment();
      }
      throw error;
    }
  }

  /** The enrolment request inside a caller's transaction (also used by referral routing). */
  async requestIn(
    manager: EntityManager,
    input: { cohortId: string; caseId: string; referralId?: string },
    actor: Actor | undefined,
    context: EventContext,
  ): Promise<EnrolmentOutcome> {
    const cohort = await lockCohort(manager, input.cohortId);
    authorize(actor, cohort);
    if (!cohort.open) {
      throw new UnprocessableError('cohort.closed', {
        es: 'La cohorte está cerrada: no admite matrículas.',
        en: 'The cohort is closed to enrolment.',
      });
    }
    if (cohort.endsOn < today()) {
      throw new UnprocessableError('cohort.ended', {
        es: 'La cohorte ya terminó.',
        en: 'The cohort has already ended.',
      });
    }
    // A person's request reaches only a case referred to their organisation; any other case looks
    // like one with no profile, so the answer says nothing of where else it exists.
    const reachable = !actor || (await canReachCase(manager, actor, input.caseId));
    const learner = reachable ? await findLearner(manager, input.caseId) : undefined;
    if (!learner) {
      throw new UnprocessableError('learner.not-found', {
        es: 'No hay perfil educativo registrado para este expediente (PUT /learners/:caseId).',
        en: 'No learner profile on file for this case (PUT /learners/:caseId).',
      });
    }
    if (
      actor &&
      input.referralId &&
      !(await referralMatches(manager, input.referralId, input.caseId, cohort.providerId))
    ) {
      throw referralMismatch();
    }
    const eligibility = eligibilityFor(learner, cohort);
    if (!eligibility.eligible) {
      throw new UnprocessableError(
        `enrolment.not-eligible.${eligibility.reasons[0]?.code ?? 'unknown'}`,
        describeReasons(eligibility.reasons),
      );
    }
    const existing = (await manager.query(
      `SELECT id FROM enrolments
        WHERE cohort_id = $1 AND case_id = $2
          AND status IN ('pending', 'waitlisted', 'enrolled', 'attending')`,
      [cohort.id, input.caseId],
    )) as { id: string }[];
    if (existing[0]) throw duplicateEnrolment(existing[0].id);

    const now = new Date();
    const enrolmentId = randomUUID();
    const seatFree = cohort.seatsTaken < cohort.seats;
    const status: EnrolmentStatus = seatFree ? 'enrolled' : 'waitlisted';
    const waitlistPosition = seatFree ? null : cohort.nextWaitlistPosition;
    await manager.query(
      `INSERT INTO enrolments (id, cohort_id, case_id, referral_id, status, waitlist_position,
                               requested_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [
        enrolmentId,
        cohort.id,
        input.caseId,
        input.referralId ?? null,
        status,
        waitlistPosition,
        now,
      ],
    );
    if (seatFree) {
      cohort.seatsTaken += 1;
      await manager.query(
        `UPDATE cohorts SET seats_taken = seats_taken + 1, updated_at = $2 WHERE id = $1`,
        [cohort.id, now],
      );
    } else {
      cohort.nextWaitlistPosition += 1;
      await manager.query(
        `UPDATE cohorts SET next_waitlist_pos = next_waitlist_pos + 1, updated_at = $2
          WHERE id = $1`,
        [cohort.id, now],
      );
    }
    await this.events.enrolmentMoved(
      manager,
      cohort,
      {
        enrolmentId,
        caseId: input.caseId,
        referralId: input.referralId ?? null,
        status,
        waitlistPosition,
      },
      context,
      now,
    );
    await this.events.capacityChanged(manager, cohort, context, now);
    return {
      enrolmentId,
      cohortId: cohort.id,
      caseId: input.caseId,
      status,
      ...(waitlistPosition ? { waitlistPosition } : {}),
    };
  }

  /** Drops an enrolment (with a reason code); a freed seat goes to the first on the waitlist. */
  async drop(
    enrolmentId: string,
    reasonCode: string,
    actor: Actor | undefined,
    context: EventContext,
    options: { reportToReferral?: boolean } = {},
  ): Promise<EnrolmentOutcome> {
    return this.dataSource.transaction((manager) =>
      this.dropIn(manager, enrolmentId, reasonCode, actor, context, options),
    );
  }

  async dropIn(
    manager: EntityManager,
    enrolmentId: string,
    reasonCode: string,
    actor: Actor | undefined,
    context: EventContext,
    options: { reportToReferral?: boolean } = {},
  ): Promise<EnrolmentOutcome> {
    return this.finish(manager, enrolmentId, 'dropped', reasonCode, actor, context, options);
  }

  /** Marks an attending learner as having completed the programme; the seat is freed. */
  async complete(
    enrolmentId: string,
    actor: Actor,
    context: EventContext,
  ): Promise<EnrolmentOutcome> {
    return this.dataSource.transaction((manager) =>
      this.finish(manager, enrolmentId, 'completed', null, actor, context, {}),
    );
  }

  private async finish(
    manager: EntityManager,
    enrolmentId: string,
    to: 'dropped' | 'completed',
    reasonCode: string | null,
    actor: Actor | undefined,
    context: EventContext,
    options: { reportToReferral?: boolean },
  ): Promise<EnrolmentOutcome> {
    const located = (await manager.query(`SELECT cohort_id FROM enrolments WHERE id = $1`, [
      enrolmentId,
    ])) as { cohort_id: string }[];
    if (!located[0]) throw enrolmentNotFound();
    // Lock order is always cohort, then enrolment: no deadlock with concurrent requests.
    const cohort = await lockCohort(manager, located[0].cohort_id);
    if (actor && !canManageProvider(actor, cohort.providerId)) {
      throw canSeeCohort(actor, cohort) ? forbidden() : enrolmentNotFound();
    }
    const enrolment = await this.lockEnrolment(manager, enrolmentId);
    assertTransition(enrolment.status, to);
    const now = new Date();
    await manager.query(
      `UPDATE enrolments SET status = $2, reason_code = $3, waitlist_position = NULL, updated_at = $4
        WHERE id = $1`,
      [enrolmentId, to, reasonCode, now],
    );
    await this.events.enrolmentMoved(
      manager,
      cohort,
      {
        enrolmentId,
        caseId: enrolment.caseId,
        referralId: enrolment.referralId,
        from: enrolment.status,
        status: to,
        reasonCode,
        ...(options.reportToReferral === false ? { reportToReferral: false } : {}),
      },
      context,
      now,
    );
    if (SEAT_HOLDING.includes(enrolment.status)) {
      cohort.seatsTaken -= 1;
      await manager.query(
        `UPDATE cohorts SET seats_taken = seats_taken - 1, updated_at = $2 WHERE id = $1`,
        [cohort.id, now],
      );
      await this.promoteIn(manager, cohort, context, now);
    }
    await this.events.capacityChanged(manager, cohort, context, now);
    return { enrolmentId, cohortId: cohort.id, caseId: enrolment.caseId, status: to };
  }

  /**
   * Fills free seats from the waitlist, first position first, in the caller's transaction (the
   * cohort is locked). An ended or closed cohort promotes nobody.
   */
  async promoteIn(
    manager: EntityManager,
    cohort: LockedCohort,
    context: EventContext,
    now: Date,
  ): Promise<EnrolmentOutcome[]> {
    const promoted: EnrolmentOutcome[] = [];
    if (!cohort.open || cohort.endsOn < today()) return promoted;
    while (cohort.seatsTaken < cohort.seats) {
      const next = (await manager.query(
        `SELECT ${ENROLMENT_COLUMNS} FROM enrolments e
          WHERE e.cohort_id = $1 AND e.status = 'waitlisted'
          ORDER BY e.waitlist_position LIMIT 1 FOR UPDATE`,
        [cohort.id],
      )) as EnrolmentRow[];
      const waiting = next[0];
      if (!waiting) break;
      await manager.query(
        `UPDATE enrolments SET status = 'enrolled', waitlist_position = NULL, updated_at = $2
          WHERE id = $1`,
        [waiting.id, now],
      );
      await manager.query(
        `UPDATE cohorts SET seats_taken = seats_taken + 1, updated_at = $2 WHERE id = $1`,
        [cohort.id, now],
      );
      cohort.seatsTaken += 1;
      await this.events.enrolmentMoved(
        manager,
        cohort,
        {
          enrolmentId: waiting.id,
          caseId: waiting.caseId,
          referralId: waiting.referralId,
          from: 'waitlisted',
          status: 'enrolled',
        },
        context,
        now,
      );
      promoted.push({
        enrolmentId: waiting.id,
        cohortId: cohort.id,
        caseId: waiting.caseId,
        status: 'enrolled',
      });
    }
    return promoted;
  }

  private async lockEnrolment(manager: EntityManager, enrolmentId: string) {
    const rows = (await manager.query(
      `SELECT ${ENROLMENT_COLUMNS} FROM enrolments e WHERE e.id = $1 FOR UPDATE`,
      [enrolmentId],
    )) as EnrolmentRow[];
    if (!rows[0]) throw enrolmentNotFound();
    return rows[0];
  }

  /** Enrolments of a cohort the actor may see: seats first, then the waitlist in order. */
  async listForCohort(cohortId: string, actor: Actor) {
    const cohorts = (await this.dataSource.query(
      `SELECT provider_id AS "providerId", municipality_code AS "municipalityCode"
         FROM cohorts WHERE id = $1`,
      [cohortId],
    )) as { providerId: string; municipalityCode: string }[];
    if (!cohorts[0] || !canSeeCohort(actor, cohorts[0])) throw cohortNotFound();
    return this.dataSource.query(
      `SELECT ${ENROLMENT_COLUMNS}, e.reason_code AS "reasonCode",
              e.consecutive_absences AS "consecutiveAbsences", e.requested_at AS "requestedAt"
         FROM enrolments e WHERE e.cohort_id = $1
        ORDER BY (e.status = 'waitlisted'), e.waitlist_position, e.requested_at`,
      [cohortId],
    );
  }
}

function duplicateEnrolment(existingId?: string): ConflictError {
  return new ConflictError(
    'enrolment.duplicate',
    {
      es: 'La persona ya tiene una matrícula vigente o en lista de espera en esta cohorte.',
      en: 'The person already has a live or waitlisted enrolment in this cohort.',
    },
    existingId ? `/enrolments/${existingId}` : undefined,
  );
}
