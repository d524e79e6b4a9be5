import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ProjectStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { assertCanSee, assertCanWork } from '../core/scope';
import { readCandidate } from '../core/candidates.queries';
import { projectLifecycle } from '../domain/lifecycles';
import type { EventContext } from '@reintegra/platform-messaging';
import { CaseWork } from '../core/case-work';
import type { CreateProjectRequest, MoveProjectRequest } from './projects.requests';

interface ProjectRow {
  id: string;
  caseId: string;
  referralId: string | null;
  providerId: string;
  sectorIscoCode: string | null;
  municipalityCode: string;
  status: ProjectStatus;
  seedAmountUsd: number | null;
  reasonCode: string | null;
  version: number;
}

const PROJECT_COLUMNS = `id, case_id AS "caseId", referral_id AS "referralId", provider_id AS "providerId",
  sector_isco_code AS "sectorIscoCode", municipality_code AS "municipalityCode", status,
  seed_amount_usd::float AS "seedAmountUsd", reason_code AS "reasonCode", version`;

const projectNotFound = () =>
  new NotFoundError('project.not-found', {
    es: 'Emprendimiento no encontrado.',
    en: 'Entrepreneurship project not found.',
  });

/** Steps still open to closing when the person's referral ends (an operating business stays). */
const UNFINISHED: readonly ProjectStatus[] = ['idea', 'approved', 'seed-support'];

/**
 * Entrepreneurship projects: idea → approved → seed support → operating | closed. Approval is
 * work on the referral (in-progress); an operating business completes it (`business-operating`).
 */
@Injectable()
export class ProjectsService extends CaseWork implements OnModuleInit {
  /** Its part when a person's work stops (see CaseWindDown). */
  onModuleInit(): void {
    this.windDown.register({
      order: 3,
      run: async (...step) => {
        await this.closeUnfinishedIn(...step);
      },
    });
  }

  async create(caseId: string, request: CreateProjectRequest, actor: Actor, context: EventContext) {
    return this.dataSource.transaction(async (manager) => {
      const candidate = await readCandidate(manager, caseId, true);
      assertCanWork(actor, candidate);
      const referral = await this.referrals.requireAccepted(manager, caseId);
      const project: ProjectRow = {
        id: randomUUID(),
        caseId,
        referralId: referral.id,
        providerId: referral.providerId,
        sectorIscoCode: request.sectorIscoCode ?? null,
        municipalityCode: request.municipalityCode,
        status: 'idea',
        seedAmountUsd: null,
        reasonCode: null,
        version: 1,
      };
      await manager.query(
        `INSERT INTO projects (id, case_id, referral_id, provider_id, sector_isco_code,
                               municipality_code, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'idea')`,
        [
          project.id,
          caseId,
          project.referralId,
          project.providerId,
          project.sectorIscoCode,
          project.municipalityCode,
        ],
      );
      await this.moved(manager, project, 'idea', null, context, new Date(), true);
      return project;
    });
  }

  async list(caseId: string, actor: Actor) {
    const candidate = await readCandidate(this.dataSource.manager, caseId);
    assertCanSee(actor, candidate);
    return this.dataSource.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
  }

  async move(projectId: string, request: MoveProjectRequest, actor: Actor, context: EventContext) {
    return this.dataSource.transaction(async (manager) => {
      const located = await this.read(manager, projectId);
      const candidate = await readCandidate(manager, located.caseId, true);
      try {
        assertCanWork(actor, candidate);
      } catch (error) {
        throw error instanceof NotFoundError ? projectNotFound() : error;
      }
      const project = await this.read(manager, projectId, true);
      return this.moveIn(manager, project, request.to, request, context);
    });
  }

  /** Closes the person's unfinished projects (consent withdrawn, referral ended). */
  async closeUnfinishedIn(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ): Promise<number> {
    const unfinished = (await manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects WHERE case_id = $1 AND status = ANY ($2) FOR UPDATE`,
      [caseId, UNFINISHED],
    )) as ProjectRow[];
    for (const project of unfinished) {
      await this.moveIn(manager, project, 'closed', { reasonCode }, context);
    }
    return unfinished.length;
  }

  private async moveIn(
    manager: EntityManager,
    project: ProjectRow,
    to: ProjectStatus,
    details: { seedAmountUsd?: number; reasonCode?: string },
    context: EventContext,
  ) {
    projectLifecycle.assert(project.status, to);
    const now = new Date();
    await manager.query(
      `UPDATE projects SET status = $2, seed_amount_usd = coalesce($3, seed_amount_usd),
              reason_code = $4, version = version + 1, updated_at = $5 WHERE id = $1`,
      [project.id, to, details.seedAmountUsd ?? null, details.reasonCode ?? null, now],
    );
    await this.moved(manager, project, to, details.reasonCode ?? null, context, now);
    if (to === 'approved' && project.referralId) {
      const referral = await this.referrals.lock(manager, project.referralId);
      await this.referrals.markInProgress(manager, referral, context, now);
    }
    if (to === 'operating') {
      await this.referrals.complete(
        manager,
        project.referralId,
        'business-operating',
        context,
        now,
      );
    }
    return this.read(manager, project.id);
  }

  private moved(
    manager: EntityManager,
    project: ProjectRow,
    to: ProjectStatus,
    reasonCode: string | null,
    context: EventContext,
    now: Date,
    created = false,
  ) {
    return this.events.projectMoved(
      manager,
      {
        projectId: project.id,
        caseId: project.caseId,
        providerId: project.providerId,
        referralId: project.referralId,
        sectorIscoCode: project.sectorIscoCode,
        municipalityCode: project.municipalityCode,
        ...(created ? {} : { from: project.status }),
        status: to,
        reasonCode,
      },
      context,
      now,
    );
  }

  private async read(manager: EntityManager, id: string, lock = false) {
    const rows = (await manager.query(
      `SELECT ${PROJECT_COLUMNS} FROM projects WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as ProjectRow[];
    if (!rows[0]) throw projectNotFound();
    return rows[0];
  }
}
