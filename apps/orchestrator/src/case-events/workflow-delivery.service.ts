import { Injectable, Logger } from '@nestjs/common';
import {
  Client,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@reintegra/event-contracts';
import { ConflictError, DomainError } from '@reintegra/platform-errors';
import { Inbox, isInfrastructureOutage, type MessagePosition } from '@reintegra/platform-messaging';
import { ParkedEvents, type Send, UPDATE_DEADLINE_MS } from './parked-events';

export type { WorkflowHandle } from './parked-events';

export interface DeliveryOptions {
  /** The event has nothing to do on a workflow that already finished (not a dead letter). */
  readonly finishedIsDone?: boolean;
  /** Nor on a workflow that never ran (a consent withdrawn on a case with no path). */
  readonly absentIsDone?: boolean;
  /**
   * The workflow is started by an event on another topic, which may come later (after a restart,
   * behind a backlog), and the event must reach it: when the workflow has not started, the event is
   * parked (ParkedEvents) until it does, and the consumer moves on. So is it when Temporal fails to
   * take it for a reason that is not the event's (an update past its deadline while the path's
   * worker is busy or moving, an update refused while its workflow task is retried): the sweep
   * tries again every 10 s, instead of five tries in line and the dead-letter topic.
   */
  readonly parksUntilStarted?: boolean;
  /**
   * Events of this type go to a workflow others may be parked for: while any wait, this one waits
   * behind them (parked too), so they reach the workflow in the order they came.
   */
  readonly queuesBehindParked?: boolean;
}

/** What `once` found when it could not deliver. */
class NotStarted extends Error {}

/**
 * Delivers one Kafka event to one workflow, once: the inbox remembers the event id, so a
 * redelivery does nothing (and the workflow drops a repeated event id itself if one slips past).
 * Bad input never reaches workflow state: an update validator's rejection becomes a domain error,
 * which the consumer sends to the dead-letter topic with the reason; a workflow that has not
 * started yet parks the event when the handler says so; anything else is retried a few times.
 */
@Injectable()
export class WorkflowDelivery {
  private readonly logger = new Logger(WorkflowDelivery.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly temporal: Client,
    private readonly parking: ParkedEvents,
  ) {}

  /** Sends one event to a running workflow, once (an update or a signal through its handle). */
  deliver(
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    send: Send,
    options: DeliveryOptions = {},
  ): Promise<void> {
    return this.once(
      event,
      position,
      workflowId,
      () => send(this.temporal.workflow.getHandle(workflowId)),
      options,
    );
  }

  /** Runs `act` against Temporal once per event id (inbox), bounded in time, errors mapped. */
  async once(
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    act: (manager: EntityManager) => Promise<unknown>,
    options: DeliveryOptions = {},
  ): Promise<void> {
    let parked = false;
    const processed = await this.inbox.handle(event, position, async (manager) => {
      const parks = options.parksUntilStarted || options.queuesBehindParked;
      if (parks) {
        await this.parking.lock(manager, workflowId);
        if (await this.parking.waiting(manager, workflowId)) {
          await this.parking.park(manager, event, position, workflowId);
          parked = true;
          return;
        }
      }
      try {
        // Bounded: an update waits for a worker, and a consumer must never wait for ever.
        await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => act(manager));
      } catch (error) {
        const failure = await this.toDomainError(error, workflowId);
        if (failure instanceof NotStarted && options.absentIsDone) return;
        if (isFinished(failure) && (options.finishedIsDone || options.absentIsDone)) return;
        const parks =
          options.parksUntilStarted &&
          !(failure instanceof DomainError) &&
          // An engine away is waited out in line (parking needs the database too).
          !isInfrastructureOutage(failure);
        if (!parks) throw failure;
        await this.parking.park(manager, event, position, workflowId, describe(failure));
        parked = true;
      }
    });
    this.logger.log({
      msg: !processed
        ? 'duplicate event skipped'
        : parked
          ? 'event parked until its workflow takes it'
          : 'event delivered to workflow',
      workflowId,
      eventId: event.id,
      eventType: event.type,
    });
  }

  /**
   * What the consumer should do with a failure: a domain error is final (dead-lettered at once
   * with its reason), anything else is retried. A workflow that ran and finished (the case closed,
   * the referral ended) is final too — retrying it in line would only hold up other cases. One
   * that never started is NotStarted (parked, honoured or retried, as the handler says).
   */
  private async toDomainError(error: unknown, workflowId: string): Promise<unknown> {
    if (error instanceof WorkflowNotFoundError) {
      const status = await this.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .then(
          (description) => description.status.name,
          (failure: unknown) => (failure instanceof WorkflowNotFoundError ? null : undefined),
        );
      if (status !== undefined && status !== null && status !== 'RUNNING') {
        return new ConflictError('workflow.closed', {
          es: `El flujo ${workflowId} ya terminó (${status}); el evento llegó tarde.`,
          en: `The workflow ${workflowId} has already finished (${status}); the event came too late.`,
        });
      }
      // Never started (or Temporal could not say): a few tries, then the dead letters.
      return status === null
        ? new NotStarted(`No running workflow ${workflowId}`)
        : new Error(`No running workflow ${workflowId}`);
    }
    if (
      error instanceof WorkflowUpdateRPCTimeoutOrCancelledError &&
      (await this.unserved(workflowId))
    ) {
      // An update waits for a worker: none polls this workflow's queue (a path of another
      // deployment, or one abandoned), so none will answer in time; retrying holds up the line.
      return new ConflictError('workflow.no-worker', {
        es: `Ningún worker atiende la cola del flujo ${workflowId}; el evento no puede entregarse.`,
        en: `No worker polls the task queue of workflow ${workflowId}; the event cannot be delivered.`,
      });
    }
    if (error instanceof WorkflowUpdateFailedError) {
      const reason = error.cause?.message ?? error.message;
      return new ConflictError('workflow.update-rejected', {
        es: `El flujo rechazó el evento: ${reason}`,
        en: `The workflow rejected the event: ${reason}`,
      });
    }
    return error;
  }

  /** Whether no worker has polled the workflow's task queue lately (Temporal keeps ~5 min). */
  private async unserved(workflowId: string): Promise<boolean> {
    try {
      const { taskQueue } = await this.temporal.workflow.getHandle(workflowId).describe();
      const { pollers } = await this.temporal.workflowService.describeTaskQueue({
        namespace: this.temporal.options.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      });
      return pollers.length === 0;
    } catch {
      return false;
    }
  }
}

/** A failure's message with its gRPC cause (code and details), for the log. */
function describe(failure: unknown): string {
  const { message, cause } = failure as { message?: string; cause?: unknown };
  const grpc = cause as { code?: unknown; details?: unknown } | undefined;
  return grpc && typeof grpc.code === 'number'
    ? `${message ?? ''} (gRPC ${grpc.code}: ${String(grpc.details ?? '')})`
    : (message ?? String(failure));
}

function isFinished(failure: unknown): boolean {
  return failure instanceof ConflictError && failure.code === 'workflow.closed';
}
