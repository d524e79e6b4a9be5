import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Client,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError, UnavailableError } from '@reintegra/platform-errors';
import {
  nextFollowUpQuery,
  type NextFollowUp,
  type OpenReferral,
  openReferralsQuery,
  pathStateQuery,
  reintegrationPathWorkflowId,
  type PathState,
} from '@reintegra/workflow-contracts';
import { CaseAccess } from '../core/case-access.service';
import type { IntakeConfig } from '../config';

export interface ReturneePath {
  returneeId: string;
  caseId: string;
  path: PathState;
  /** Open referrals with their acknowledgement deadlines and whether they are overdue. */
  openReferrals: readonly OpenReferral[];
  nextFollowUp: NextFollowUp | null;
  workflowUrl?: string;
}

/**
 * How long the three queries may take together (they answer in milliseconds when a worker is up).
 * A query waits for a worker of the workflow's task queue; without one it would hang the request
 * until Temporal's own timeout: a quick 503 with Retry-After serves the screen better.
 */
const QUERY_DEADLINE_MS = 3_000;

/** Answers "where is this person's reintegration path now?" from the workflow itself. */
@Injectable()
export class PathQueryService {
  private readonly logger = new Logger(PathQueryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: Client,
    private readonly access: CaseAccess,
    @Inject(APP_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async currentPath(returneeId: string, actor: Actor): Promise<ReturneePath> {
    const episode = await this.access.latestCaseFor(this.dataSource.manager, returneeId, actor);
    const workflowId = reintegrationPathWorkflowId(episode.id);
    try {
      const handle = this.temporal.workflow.getHandle(workflowId);
      const [path, openReferrals, nextFollowUp] = await this.temporal.withDeadline(
        Date.now() + QUERY_DEADLINE_MS,
        () =>
          Promise.all([
            handle.query(pathStateQuery),
            handle.query(openReferralsQuery),
            handle.query(nextFollowUpQuery),
          ]),
      );
      const workflowUrl = this.config.TEMPORAL_UI_URL
        ? `${this.config.TEMPORAL_UI_URL}/namespaces/${this.config.TEMPORAL_NAMESPACE}/workflows/${encodeURIComponent(workflowId)}`
        : undefined;
      return {
        returneeId,
        caseId: episode.id,
        path,
        openReferrals,
        nextFollowUp,
        ...(workflowUrl ? { workflowUrl } : {}),
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        // Registered, but the event has not reached the orchestrator yet (seconds at most).
        throw new NotFoundError('path.not-started', {
          es: 'El itinerario de reintegración aún no ha iniciado; intente en unos segundos.',
          en: 'The reintegration path has not started yet; try again in a few seconds.',
        });
      }
      if (error instanceof QueryNotRegisteredError) {
        // The worker failed the query (e.g. it cannot replay the history): an operator's matter.
        this.logger.warn({
          msg: 'path query failed in the worker',
          workflowId,
          error: error.message,
        });
      }
      if (error instanceof ServiceError || error instanceof QueryNotRegisteredError) {
        // The workflow engine or its worker did not answer: the path is there, not readable now.
        throw new UnavailableError('path.unavailable', {
          es: 'El itinerario no se puede consultar en este momento; intente de nuevo en unos segundos.',
          en: 'The path cannot be read right now; try again in a few seconds.',
        });
      }
      throw error;
    }
  }
}
