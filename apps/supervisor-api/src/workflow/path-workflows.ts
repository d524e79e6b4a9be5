import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { APP_CONFIG } from '@reintegra/platform-config';
import {
  type OpenReferral,
  openReferralsQuery,
  type PathState,
  pathStateQuery,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import type { SupervisorApiConfig } from '../config';
import { traceSearchUrl } from './trace-link';

const QUERY_TIMEOUT_MS = 2_000;

export type LiveWorkflow =
  | { status: 'running' | 'finished'; state: PathState; openReferrals: readonly OpenReferral[] }
  | { status: 'not-started' | 'unavailable' };

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/** Quotes a value for a Temporal visibility query. */
const literal = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/**
 * Live state from the reintegration path workflows, where the read model is not enough: the
 * path's own view of its phase and open deadlines (queries), and figures only the workflows know
 * ahead of time, such as the next follow-up date (visibility search on the search attributes).
 */
@Injectable()
export class PathWorkflows {
  private readonly logger = new Logger(PathWorkflows.name);

  constructor(
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: SupervisorApiConfig,
  ) {}

  /** Link to the case's workflow in the Temporal web UI, when its URL is configured. */
  workflowUrl(caseId: string): string | undefined {
    if (!this.config.TEMPORAL_UI_URL) return undefined;
    const base = this.config.TEMPORAL_UI_URL.replace(/\/$/, '');
    return `${base}/namespaces/${encodeURIComponent(this.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(reintegrationPathWorkflowId(caseId))}`;
  }

  /** Link to the case's traces in the trace viewer, when its URL is configured. */
  traceUrl(caseId: string): string | undefined {
    return traceSearchUrl(this.config.TRACE_VIEWER_URL, caseId);
  }

  async live(caseId: string): Promise<LiveWorkflow> {
    const handle = this.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    try {
      const [state, openReferrals, description] = await withTimeout(
        Promise.all([
          handle.query(pathStateQuery),
          handle.query(openReferralsQuery),
          handle.describe(),
        ]),
        QUERY_TIMEOUT_MS,
      );
      return {
        status: description.status.name === 'RUNNING' ? 'running' : 'finished',
        state,
        openReferrals,
      };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { status: 'not-started' };
      this.logger.warn({ msg: 'workflow query failed', error: (error as Error).message });
      return { status: 'unavailable' };
    }
  }

  /** Counts from visibility: running paths with overdue referrals, follow-ups due in 7 days. */
  async figures(municipalityCode: string | null) {
    const base = `WorkflowType = ${literal(REINTEGRATION_PATH_WORKFLOW_TYPE)} AND ExecutionStatus = 'Running'${
      municipalityCode ? ` AND Municipality = ${literal(municipalityCode)}` : ''
    }`;
    const week = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    try {
      const [running, overdue, followUps] = await withTimeout(
        Promise.all([
          this.temporal.workflow.count(base),
          this.temporal.workflow.count(`${base} AND OverdueReferrals > 0`),
          this.temporal.workflow.count(`${base} AND NextFollowUpAt < ${literal(week)}`),
        ]),
        QUERY_TIMEOUT_MS,
      );
      return {
        available: true as const,
        runningPaths: running.count,
        pathsWithOverdueReferrals: overdue.count,
        followUpsDueWithinSevenDays: followUps.count,
      };
    } catch (error) {
      this.logger.warn({ msg: 'visibility query failed', error: (error as Error).message });
      return { available: false as const };
    }
  }
}
