import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ConflictError, ForbiddenError, UnprocessableError } from '@reintegra/platform-errors';
import { assertIfMatch } from '@reintegra/platform-http';
import { employerOf, isAdmin } from '../core/scope';
import { fromMask, toMask } from '../domain/schedule';
import type { EventContext } from '@reintegra/platform-messaging';
import { EmploymentEvents } from '../core/employment-events.service';
import { PlacementsService } from '../placements/placements.service';
import type {
  CreateEmployerRequest,
  CreateVacancyRequest,
  UpdateVacancyRequest,
} from './vacancies.requests';
import {
  readVacancy,
  VACANCY_COLUMNS,
  vacancyNotFound,
  type VacancyRow,
} from '../core/vacancies.queries';

const notYourEmployer = () =>
  new ForbiddenError('employer.not-yours', {
    es: 'Solo puede gestionar las ofertas de su propia organización.',
    en: "You may manage only your own organisation's vacancies.",
  });

/** What callers see of a vacancy: its schedule as days and shifts, and the free posts. */
export function vacancyView(row: VacancyRow & { employerName?: string }) {
  return {
    ...row,
    schedule: fromMask(row.schedule),
    postsAvailable: row.posts - row.postsFilled,
  };
}

/**
 * Employer partners and their vacancies. An employer manages only its own (organisation id in
 * its token); staff of the employment office read them all to match people; admins may act for
 * any employer. Every open/close/fill is published as the vacancy's capacity.
 */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EmploymentEvents,
    private readonly placements: PlacementsService,
  ) {}

  async createEmployer(request: CreateEmployerRequest, actor: Actor) {
    const own = employerOf(actor);
    const id = own ?? request.id;
    if (!id || (own !== undefined && request.id !== undefined && request.id !== own)) {
      throw notYourEmployer();
    }
    try {
      await this.dataSource.query(
        `INSERT INTO employers (id, name, municipality_code) VALUES ($1, $2, $3)`,
        [id, request.name, request.municipalityCode],
      );
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === '23505'
      ) {
        throw new ConflictError(
          'employer.duplicate',
          { es: 'La empresa ya está registrada.', en: 'The employer is already registered.' },
          `/employers/${id}`,
        );
      }
      throw error;
    }
    return { id, name: request.name, municipalityCode: request.municipalityCode };
  }

  async create(request: CreateVacancyRequest, actor: Actor, context: EventContext) {
    const employerId = isAdmin(actor) ? request.employerId : employerOf(actor);
    if (
      !employerId ||
      (!isAdmin(actor) && request.employerId && request.employerId !== employerId)
    ) {
      throw notYourEmployer();
    }
    return this.dataSource.transaction(async (manager) => {
      const employers = (await manager.query(`SELECT 1 FROM employers WHERE id = $1`, [
        employerId,
      ])) as unknown[];
      if (employers.length === 0) {
        throw new UnprocessableError('employer.not-registered', {
          es: 'Registre primero la empresa (POST /employers).',
          en: 'Register the employer first (POST /employers).',
        });
      }
      const id = randomUUID();
      await manager.query(
        `INSERT INTO vacancies (id, employer_id, title, isco_code, required_skills, desirable_skills,
                                required_certifications, min_experience_years, municipality_code,
                                district_code, schedule, adults_only, posts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          employerId,
          request.title,
          request.iscoCode,
          request.requiredSkills,
          request.desirableSkills,
          request.requiredCertifications,
          request.minExperienceYears,
          request.municipalityCode,
          request.districtCode ?? null,
          toMask(request.schedule),
          request.adultsOnly,
          request.posts,
        ],
      );
      const vacancy = await readVacancy(manager, id);
      await this.events.vacancyCapacity(manager, vacancy, context);
      return vacancyView(vacancy);
    });
  }

  /**
   * Opens, closes or resizes a vacancy (If-Match: the ETag read). Closing withdraws its open
   * proposals; posts never go below those filled; a vacancy whose posts are all filled closes.
   */
  async update(
    vacancyId: string,
    request: UpdateVacancyRequest,
    ifMatch: string | undefined,
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const vacancy = await readVacancy(manager, vacancyId, 'update');
      this.assertManages(actor, vacancy);
      assertIfMatch(ifMatch, vacancy.version);
      const posts = request.posts ?? vacancy.posts;
      if (posts < vacancy.postsFilled) {
        throw new ConflictError('vacancy.posts-below-filled', {
          es: `No se puede reducir a ${posts} plazas: hay ${vacancy.postsFilled} ocupadas.`,
          en: `Cannot reduce to ${posts} posts: ${vacancy.postsFilled} are filled.`,
        });
      }
      const open = (request.open ?? vacancy.open) && vacancy.postsFilled < posts;
      const now = new Date();
      await manager.query(
        `UPDATE vacancies SET posts = $2, open = $3, version = version + 1, updated_at = $4
          WHERE id = $1`,
        [vacancy.id, posts, open, now],
      );
      if (vacancy.open && !open) {
        await this.placements.withdrawOpen(
          manager,
          { vacancyId: vacancy.id },
          request.open === false ? 'vacancy-closed' : 'vacancy-filled',
          context,
          now,
        );
      }
      const updated = await readVacancy(manager, vacancy.id);
      await this.events.vacancyCapacity(manager, updated, context, now);
      return vacancyView(updated);
    });
  }

  async get(vacancyId: string, actor: Actor) {
    const vacancy = await readVacancy(this.dataSource.manager, vacancyId);
    if (!this.canRead(actor, vacancy)) throw vacancyNotFound();
    return vacancyView(vacancy);
  }

  /** An employer's own vacancies; every vacancy for office staff (to match people). */
  async list(actor: Actor, filter: { open?: boolean }) {
    const params: unknown[] = [];
    const where: string[] = [];
    const employer = employerOf(actor);
    if (employer !== undefined) {
      params.push(employer);
      where.push(`v.employer_id = $${params.length}`);
    }
    if (filter.open !== undefined) {
      params.push(filter.open);
      where.push(`v.open = $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${VACANCY_COLUMNS}, e.name AS "employerName"
         FROM vacancies v JOIN employers e ON e.id = v.employer_id
        WHERE ${where.length ? where.join(' AND ') : 'true'}
        ORDER BY v.created_at DESC LIMIT 500`,
      params,
    )) as (VacancyRow & { employerName: string })[];
    return rows.map(vacancyView);
  }

  private canRead(actor: Actor, vacancy: VacancyRow): boolean {
    const employer = employerOf(actor);
    if (employer !== undefined) return employer === vacancy.employerId;
    return hasAnyRole(actor, [
      'employment-caseworker',
      'supervisor',
      'national-supervisor',
      'admin',
    ]);
  }

  private assertManages(actor: Actor, vacancy: VacancyRow): void {
    if (isAdmin(actor) || employerOf(actor) === vacancy.employerId) return;
    throw this.canRead(actor, vacancy) ? notYourEmployer() : vacancyNotFound();
  }
}
