import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { EventEnvelope } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition, RetryLaterError } from '@reintegra/platform-messaging';

const UPDATE_DEADLINE_MS = 5_000;
/** How long an event may wait for its workflow to be started (by an event on another topic). */
const NOT_STARTED_WAIT_MS = 10 * 60_000;

export type WorkflowHandle = ReturnType<Client['workflow']['getHandle']>;

export interface DeliveryOptions {
  /** The event has nothing to do on a workflow that already finished (not a dead letter). */
  readonly finishedIsDone?: boolean;
  /** Nor on a workflow that never ran (a consent withdrawn on a case with no path). */
  readonly absentIsDone?: boolean;
  /**
   * The workflow is started by an event on another topic, which may come later (after a restart,
   * behind a backlog): a young event waits for it instead of counting towards the dead-letter topic.
   */
  readonly awaitsStart?: boolean;
}

/**
 * Delivers one Kafka event to one workflow, once: the inbox remembers the event id, so a
 * redelivery does nothing (and the workflow drops a repeated event id itself if one slips past).
 * Bad input never reaches workflow state: an update validator's rejection becomes a domain error,
 * which the consumer sends to the dead-letter topic with the reason; anything else is retried.
 */
@Injectable()
export class WorkflowDelivery {
  private readonly logger = new Logger(WorkflowDelivery.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly temporal: Client,
  ) {}

  /** Sends one event to a running workflow, once (an update or a signal through its handle). */
  deliver(
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    send: (handle: WorkflowHandle) => Promise<unknown>,
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
    act: () => Promise<unknown>,
    options: DeliveryOptions = {},
  ): Promise<void> {
    const processed = await this.inbox.handle(event, position, async () => {
      try {
        // Bounded: an update waits for a worker, and a consumer must never wait for ever.
        await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, act);
      } catch (error) {
        if (options.absentIsDone && error instanceof WorkflowNotFoundError) return;
        const failure = await this.toDomainError(
          error,
          workflowId,
          options.awaitsStart ? event.time : undefined,
        );
        if (options.finishedIsDone && isFinished(failure)) return;
        throw failure;
      }
    });
    this.logger.log({
      msg: processed ? 'event delivered to workflow' : 'duplicate event skipped',
      workflowId,
      eventId: event.id,
      eventType: event.type,
    });
  }

  /**
   * What the consumer should do with a failure: a domain error is final (dead-lettered at once
   * with its reason), anything else is retried. A workflow that ran and finished (the case closed,
   * the referral ended) is final too — retrying it in line would only hold up other cases.
   */
  private async toDomainError(
    error: unknown,
    workflowId: string,
    awaitedSince: string | undefined,
  ): Promise<unknown> {
    if (error instanceof WorkflowNotFoundError) {
      const status = await this.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .then(
          (description) => description.status.name,
          () => undefined,
        );
      if (status !== undefined && status !== 'RUNNING') {
        return new ConflictError('workflow.closed', {
          es: `El flujo ${workflowId} ya terminó (${status}); el evento llegó tarde.`,
          en: `The workflow ${workflowId} has already finished (${status}); the event came too late.`,
        });
      }
      // Never started. Out of order, where the workflow is started from another topic (the case's
      // registration still on its way — after a restart, behind a backlog): waited for while the
      // event is young. Otherwise, or that old, none is coming: a few tries, then the dead letters.
      const waited = awaitedSince ? Date.now() - Date.parse(awaitedSince) : Infinity;
      return waited < NOT_STARTED_WAIT_MS
        ? new RetryLaterError(`No running workflow ${workflowId} yet`)
        : new Error(`No running workflow ${workflowId}`);
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
}

function isFinished(failure: unknown): boolean {
  return failure instanceof ConflictError && failure.code === 'workflow.closed';
}
