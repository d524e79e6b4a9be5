import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { COHORT_COLUMNS, type LockedCohort, lockCohort } from '../core/cohorts.queries';
import { EducationEvents } from '../core/education-events.service';
import {
  canManageProvider,
  canSeeCohort,
  cohortNotFound,
  cohortScopeSql,
  forbidden,
  isNational,
} from '../core/scope';
import { EnrolmentService } from '../enrolment/enrolment.service';
import type {
  CreateCohortRequest,
  CreateProgrammeRequest,
  CreateProviderRequest,
  UpdateCohortRequest,
} from './catalogue.requests';

const providerNotFound = () =>
  new NotFoundError('provider.not-found', {
    es: 'Proveedor no encontrado.',
    en: 'Provider not found.',
  });

const programmeNotFound = () =>
  new NotFoundError('programme.not-found', {
    es: 'Programa no encontrado.',
    en: 'Programme not found.',
  });

/** Providers, programmes and cohorts. Capacity events go out with every seat change. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EducationEvents,
    private readonly enrolments: EnrolmentService,
  ) {}

  async createProvider(request: CreateProviderRequest, actor: Actor) {
    if (!canManageProvider(actor, request.id)) throw forbidden();
    try {
      await this.dataSource.query(
        `INSERT INTO providers (id, name, kind, municipality_code) VALUES ($1, $2, $3, $4)`,
        [request.id, request.name, request.kind, request.municipalityCode],
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw new ConflictError(
          'provider.duplicate',
          { es: 'El proveedor ya existe.', en: 'The provider already exists.' },
          `/providers/${request.id}`,
        );
      }
      throw error;
    }
    return { ...request };
  }

  async createProgramme(request: CreateProgrammeRequest, actor: Actor) {
    const providers = (await this.dataSource.query(`SELECT id FROM providers WHERE id = $1`, [
      request.providerId,
    ])) as unknown[];
    if (!canManageProvider(actor, request.providerId)) throw forbidden();
    if (providers.length === 0) throw providerNotFound();
    const id = randomUUID();
    const rules = request.eligibility;
    await this.dataSource.query(
      `INSERT INTO programmes (id, provider_id, name, level, modality, school_re_entry, min_age,
                               max_age, min_last_grade, documents_required)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        request.providerId,
        request.name,
        request.level,
        request.modality,
        request.schoolReEntry,
        rules.minAge,
        rules.maxAge ?? null,
        rules.minLastGrade,
        rules.documentsRequired,
      ],
    );
    return { id, ...request };
  }

  /** Programmes of the caller's provider (staff) or of every provider (others who may read). */
  async listProgrammes(actor: Actor, providerId?: string) {
    const params: unknown[] = [];
    let where = 'true';
    if (!isNational(actor) && !hasAnyRole(actor, ['supervisor'])) {
      params.push(actor.organisationId ?? '');
      where = `p.provider_id = $1`;
    }
    if (providerId) {
      params.push(providerId);
      where += ` AND p.provider_id = $${params.length}`;
    }
    return this.dataSource.query(
      `SELECT p.id, p.provider_id AS "providerId", p.name, p.level, p.modality,
              p.school_re_entry AS "schoolReEntry", p.min_age AS "minAge", p.max_age AS "maxAge",
              p.min_last_grade AS "minLastGrade", p.documents_required AS "documentsRequired"
         FROM programmes p WHERE ${where} ORDER BY p.name`,
      params,
    );
  }

  async createCohort(request: CreateCohortRequest, actor: Actor, context: EventContext) {
    return this.dataSource.transaction(async (manager) => {
      const programmes = (await manager.query(
        `SELECT provider_id AS "providerId" FROM programmes WHERE id = $1`,
        [request.programmeId],
      )) as { providerId: string }[];
      const programme = programmes[0];
      if (!programme) throw programmeNotFound();
      if (!canManageProvider(actor, programme.providerId)) throw forbidden();
      const id = randomUUID();
      await manager.query(
        `INSERT INTO cohorts (id, programme_id, provider_id, name, seats, schedule,
                              municipality_code, starts_on, ends_on, open)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          request.programmeId,
          programme.providerId,
          request.name,
          request.seats,
          request.schedule,
          request.municipalityCode,
          request.startsOn,
          request.endsOn,
          request.open,
        ],
      );
      const cohort = await lockCohort(manager, id);
      await this.events.capacityChanged(manager, cohort, context);
      return toView(cohort, 0);
    });
  }

  /** Seats and open/closed; more seats (or re-opening) promote from the waitlist at once. */
  async updateCohort(
    cohortId: string,
    request: UpdateCohortRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const cohort = await lockCohort(manager, cohortId);
      if (!canManageProvider(actor, cohort.providerId)) {
        throw canSeeCohort(actor, cohort) ? forbidden() : cohortNotFound();
      }
      if (request.seats !== undefined && request.seats < cohort.seatsTaken) {
        throw new ConflictError('cohort.seats-below-taken', {
          es: `No se puede reducir a ${request.seats} cupos: hay ${cohort.seatsTaken} ocupados.`,
          en: `Cannot reduce to ${request.seats} seats: ${cohort.seatsTaken} are taken.`,
        });
      }
      const now = new Date();
      cohort.seats = request.seats ?? cohort.seats;
      cohort.open = request.open ?? cohort.open;
      await manager.query(
        `UPDATE cohorts SET seats = $2, open = $3, updated_at = $4 WHERE id = $1`,
        [cohort.id, cohort.seats, cohort.open, now],
      );
      await this.enrolments.promoteIn(manager, cohort, context, now);
      await this.events.capacityChanged(manager, cohort, context, now);
      return this.viewIn(manager, cohort.id);
    });
  }

  async listCohorts(actor: Actor) {
    const params: unknown[] = [];
    const scope = cohortScopeSql(actor, params);
    return this.dataSource.query(
      `SELECT ${COHORT_COLUMNS},
              (SELECT count(*)::int FROM enrolments e
                WHERE e.cohort_id = c.id AND e.status = 'waitlisted') AS "waitlistLength"
         FROM cohorts c JOIN programmes p ON p.id = c.programme_id
        WHERE ${scope} ORDER BY c.starts_on, c.name`,
      params,
    );
  }

  async getCohort(cohortId: string, actor: Actor) {
    const view = await this.viewIn(this.dataSource.manager, cohortId);
    if (!canSeeCohort(actor, view)) throw cohortNotFound();
    return view;
  }

  private async viewIn(manager: DataSource['manager'], cohortId: string) {
    const rows = (await manager.query(
      `SELECT ${COHORT_COLUMNS},
              (SELECT count(*)::int FROM enrolments e
                WHERE e.cohort_id = c.id AND e.status = 'waitlisted') AS "waitlistLength"
         FROM cohorts c JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1`,
      [cohortId],
    )) as (LockedCohort & { waitlistLength: number })[];
    if (!rows[0]) throw cohortNotFound();
    return toView(rows[0], rows[0].waitlistLength);
  }
}

function toView(cohort: LockedCohort, waitlistLength: number) {
  return { ...cohort, seatsAvailable: cohort.seats - cohort.seatsTaken, waitlistLength };
}
