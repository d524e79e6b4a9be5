import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { TrainingStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import { assertCanWork, forbidden, isAdmin, isCaseworker } from '../core/scope';
import { readCandidate } from '../core/candidates.queries';
import { trainingLifecycle } from '../domain/lifecycles';
import type { EventContext } from '@reintegra/platform-messaging';
import { CaseWork } from '../core/case-work';
import type { CreateWorkshopRequest } from './workshops.requests';

interface WorkshopRow {
  id: string;
  providerId: string;
  name: string;
  tradeIscoCode: string;
  certificationCode: string;
  municipalityCode: string;
  seats: number;
  seatsTaken: number;
  startsOn: string;
  endsOn: string;
  open: boolean;
}

interface EnrolmentRow {
  id: string;
  workshopId: string;
  caseId: string;
  referralId: string | null;
  status: TrainingStatus;
}

const WORKSHOP_COLUMNS = `w.id, w.provider_id AS "providerId", w.name, w.trade_isco_code AS "tradeIscoCode",
  w.certification_code AS "certificationCode", w.municipality_code AS "municipalityCode", w.seats,
  w.seats_taken AS "seatsTaken", w.starts_on::text AS "startsOn", w.ends_on::text AS "endsOn", w.open`;
const ENROLMENT_COLUMNS = `e.id, e.workshop_id AS "workshopId", e.case_id AS "caseId",
  e.referral_id AS "referralId", e.status`;

const workshopNotFound = () =>
  new NotFoundError('workshop.not-found', {
    es: 'Escuela taller no encontrada.',
    en: 'Workshop school not found.',
  });
const enrolmentNotFound = () =>
  new NotFoundError('training.not-found', {
    es: 'Matrícula de escuela taller no encontrada.',
    en: 'Workshop-school enrolment not found.',
  });

const today = () => new Date().toISOString().slice(0, 10);
const view = (w: WorkshopRow) => ({ ...w, seatsAvailable: w.seats - w.seatsTaken });

/**
 * Workshop-school cohorts (escuela taller): a trade, seats and dates; enrolment, completion and
 * certification. A seat is taken or freed only under the workshop's row lock (and a CHECK keeps
 * seats_taken within seats), so concurrent enrolments never over-book: the same technique as
 * education-enrolment's cohorts. Starting training moves the referral to in-progress;
 * certification adds the certificate and the trade to the person's profile.
 */
@Injectable()
export class WorkshopsService extends CaseWork implements OnModuleInit {
  /** Its part when a person's work stops (see CaseWindDown). */
  onModuleInit(): void {
    this.windDown.register({
      order: 2,
      run: async (...step) => {
        await this.dropAllIn(...step);
      },
    });
  }

  async create(request: CreateWorkshopRequest, actor: Actor) {
    const providerId = isAdmin(actor) ? request.providerId : actor.organisationId;
    if (
      !providerId ||
      (!isAdmin(actor) && request.providerId && request.providerId !== providerId)
    ) {
      throw forbidden();
    }
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO workshops (id, provider_id, name, trade_isco_code, certification_code,
                              municipality_code, seats, starts_on, ends_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        providerId,
        request.name,
        request.tradeIscoCode,
        request.certificationCode ?? `escuela-taller-${request.tradeIscoCode}`,
        request.municipalityCode,
        request.seats,
        request.startsOn,
        request.endsOn,
      ],
    );
    return view(await this.readWorkshop(this.dataSource.manager, id));
  }

  async list() {
    const rows = (await this.dataSource.query(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops w ORDER BY w.starts_on DESC LIMIT 500`,
    )) as WorkshopRow[];
    return rows.map(view);
  }

  async get(workshopId: string) {
    return view(await this.readWorkshop(this.dataSource.manager, workshopId));
  }

  /** Enrols a referred person: 409 `workshop.full` when the last seat is gone. */
  async enrol(workshopId: string, caseId: string, actor: Actor, context: EventContext) {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const candidate = await readCandidate(manager, caseId, true);
        assertCanWork(actor, candidate);
        const workshop = await this.readWorkshop(manager, workshopId, true);
        if (!workshop.open || workshop.endsOn < today()) {
          throw new UnprocessableError('workshop.closed', {
            es: 'La escuela taller no admite inscripciones (cerrada o terminada).',
            en: 'The workshop school takes no enrolments (closed or ended).',
          });
        }
        if (workshop.seatsTaken >= workshop.seats) {
          throw new ConflictError('workshop.full', {
            es: 'La escuela taller no tiene cupos libres.',
            en: 'The workshop school has no free seats.',
          });
        }
        const referral = await this.referrals.requireAccepted(manager, caseId);
        const id = randomUUID();
        const now = new Date();
        await manager.query(
          `INSERT INTO workshop_enrolments (id, workshop_id, case_id, referral_id, status, created_at,
                                            updated_at)
           VALUES ($1, $2, $3, $4, 'enrolled', $5, $5)`,
          [id, workshop.id, caseId, referral.id, now],
        );
        await manager.query(`UPDATE workshops SET seats_taken = seats_taken + 1 WHERE id = $1`, [
          workshop.id,
        ]);
        await this.moved(
          manager,
          workshop,
          { id, workshopId: workshop.id, caseId, referralId: referral.id, status: 'enrolled' },
          'enrolled',
          {},
          context,
          now,
        );
        await this.referrals.markInProgress(manager, referral, context, now);
        return { id, workshopId: workshop.id, caseId, status: 'enrolled' as const };
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint ===
          'workshop_enrolments_one_per_case'
      ) {
        throw new ConflictError('training.duplicate', {
          es: 'La persona ya está inscrita en esta escuela taller.',
          en: 'The person is already enrolled in this workshop school.',
        });
      }
      throw error;
    }
  }

  async complete(enrolmentId: string, actor: Actor, context: EventContext) {
    return this.move(enrolmentId, 'completed', {}, actor, context);
  }

  async certify(enrolmentId: string, actor: Actor, context: EventContext) {
    return this.move(enrolmentId, 'certified', {}, actor, context);
  }

  async drop(enrolmentId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.move(enrolmentId, 'dropped', { reasonCode }, actor, context);
  }

  /** Drops the person's live enrolments (consent withdrawn, referral ended), freeing the seats. */
  async dropAllIn(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ) {
    const live = (await manager.query(
      `SELECT ${ENROLMENT_COLUMNS} FROM workshop_enrolments e
        WHERE e.case_id = $1 AND e.status = 'enrolled' ORDER BY e.created_at`,
      [caseId],
    )) as EnrolmentRow[];
    for (const enrolment of live)
      await this.moveIn(manager, enrolment.id, 'dropped', { reasonCode }, context);
    return live.length;
  }

  private async move(
    enrolmentId: string,
    to: TrainingStatus,
    details: { reasonCode?: string },
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource
      .transaction(async (manager) => {
        const located = await this.readEnrolment(manager, enrolmentId);
        const candidate = await readCandidate(manager, located.caseId, true);
        const workshop = await this.readWorkshop(manager, located.workshopId);
        // The candidate's caseworker or the workshop's own staff.
        const providerStaff = isCaseworker(actor) && actor.organisationId === workshop.providerId;
        if (!providerStaff) assertCanWork(actor, candidate);
        return this.moveIn(manager, enrolmentId, to, details, context);
      })
      .catch((error: unknown) => {
        throw error instanceof NotFoundError && error.code === 'candidate.not-found'
          ? enrolmentNotFound()
          : error;
      });
  }

  private async moveIn(
    manager: EntityManager,
    enrolmentId: string,
    to: TrainingStatus,
    details: { reasonCode?: string },
    context: EventContext,
  ) {
    const located = await this.readEnrolment(manager, enrolmentId);
    // Lock order: candidate (by the caller), workshop, enrolment.
    const workshop = await this.readWorkshop(manager, located.workshopId, true);
    const enrolment = await this.readEnrolment(manager, enrolmentId, true);
    trainingLifecycle.assert(enrolment.status, to);
    const now = new Date();
    await manager.query(
      `UPDATE workshop_enrolments SET status = $2, reason_code = $3, updated_at = $4 WHERE id = $1`,
      [enrolment.id, to, details.reasonCode ?? null, now],
    );
    if (to === 'dropped') {
      await manager.query(`UPDATE workshops SET seats_taken = seats_taken - 1 WHERE id = $1`, [
        workshop.id,
      ]);
    }
    if (to === 'certified') {
      await manager.query(
        `UPDATE candidates SET
           certifications = array_append(array_remove(certifications, $2), $2),
           occupations = CASE WHEN isco_codes @> ARRAY[$3]::text[] THEN occupations
             ELSE occupations || jsonb_build_array(jsonb_build_object(
               'iscoCode', $3::text, 'text', NULL, 'yearsLocal', 0, 'yearsAbroad', 0)) END,
           isco_codes = array_append(array_remove(isco_codes, $3), $3),
           version = version + 1, updated_at = now()
         WHERE case_id = $1`,
        [enrolment.caseId, workshop.certificationCode, workshop.tradeIscoCode],
      );
    }
    await this.moved(manager, workshop, enrolment, to, details, context, now);
    return { id: enrolment.id, workshopId: workshop.id, caseId: enrolment.caseId, status: to };
  }

  private moved(
    manager: EntityManager,
    workshop: WorkshopRow,
    enrolment: EnrolmentRow,
    to: TrainingStatus,
    details: { reasonCode?: string },
    context: EventContext,
    now: Date,
  ) {
    return this.events.trainingMoved(
      manager,
      {
        enrolmentId: enrolment.id,
        caseId: enrolment.caseId,
        workshopId: workshop.id,
        providerId: workshop.providerId,
        tradeIscoCode: workshop.tradeIscoCode,
        referralId: enrolment.referralId,
        ...(to === 'enrolled' ? {} : { from: enrolment.status }),
        status: to,
        certificationCode: to === 'certified' ? workshop.certificationCode : null,
        reasonCode: details.reasonCode,
      },
      context,
      now,
    );
  }

  /** Enrolments of a workshop, for its own staff (and admins). */
  async enrolments(workshopId: string, actor: Actor) {
    const workshop = await this.readWorkshop(this.dataSource.manager, workshopId);
    if (!isAdmin(actor) && actor.organisationId !== workshop.providerId) throw forbidden();
    return this.dataSource.query(
      `SELECT ${ENROLMENT_COLUMNS}, e.reason_code AS "reasonCode" FROM workshop_enrolments e
        WHERE e.workshop_id = $1 ORDER BY e.created_at`,
      [workshopId],
    );
  }

  private async readWorkshop(manager: EntityManager, id: string, lock = false) {
    const rows = (await manager.query(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops w WHERE w.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as WorkshopRow[];
    if (!rows[0]) throw workshopNotFound();
    return rows[0];
  }

  private async readEnrolment(manager: EntityManager, id: string, lock = false) {
    const rows = (await manager.query(
      `SELECT ${ENROLMENT_COLUMNS} FROM workshop_enrolments e WHERE e.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as EnrolmentRow[];
    if (!rows[0]) throw enrolmentNotFound();
    return rows[0];
  }
}
