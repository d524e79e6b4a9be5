import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import type {
  EpisodeOpenedV1,
  EventEnvelope,
  ReturneeRegisteredV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { MessagePosition } from '@reintegra/platform-messaging';
import {
  caseEventSignal,
  REINTEGRATION_PATH_WORKFLOW_TYPE,
  reintegrationPathWorkflowId,
} from '@reintegra/workflow-contracts';
import type { OrchestratorConfig } from '../config';
import { ParkedEvents } from './parked-events';
import { WorkflowDelivery } from './workflow-delivery.service';

/**
 * `returnee.registered` or `returnee.episode-opened` (a new return of a known person) → the case's
 * reintegration path. Signal-with-start on a workflow id derived from the case id: a redelivered
 * event finds the inbox row and does nothing; if it slips past (crash between Temporal and commit),
 * the workflow drops the repeated event id itself. Events that came for the path before it started
 * (parked: a referral request ahead of its registration) are delivered right after the start, in
 * order, in the same inbox transaction.
 */
@Injectable()
export class StartReintegrationPathHandler {
  constructor(
    private readonly workflows: WorkflowDelivery,
    private readonly temporal: Client,
    private readonly parking: ParkedEvents,
    @Inject(APP_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  handle(
    event: EventEnvelope<ReturneeRegisteredV1 | EpisodeOpenedV1>,
    position: MessagePosition,
  ): Promise<void> {
    const { data } = event;
    const workflowId = reintegrationPathWorkflowId(data.caseId);
    return this.workflows.once(event, position, workflowId, async (manager) => {
      // Held to the commit: an event parked from now on is seen by this drain or drains itself.
      await this.parking.lock(manager, workflowId);
      try {
        await this.temporal.workflow.signalWithStart(REINTEGRATION_PATH_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [
            {
              caseId: data.caseId,
              municipalityCode: data.municipalityCode,
              minor: data.minor,
              openedAt: 'registeredAt' in data ? data.registeredAt : data.openedAt,
              openedByEventId: event.id,
            },
          ],
          signal: caseEventSignal,
          signalArgs: [{ eventId: event.id, type: event.type, occurredAt: event.time }],
        });
      } catch (error) {
        // The case's path already ran to its end: nothing to start again.
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        return;
      }
      await this.parking.drain(manager, workflowId);
    });
  }
}
