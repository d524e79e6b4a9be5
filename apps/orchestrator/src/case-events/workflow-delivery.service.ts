import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { EventEnvelope } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition } from '@reintegra/platform-messaging';

const UPDATE_DEADLINE_MS = 5_000;

export type WorkflowHandle = ReturnType<Client['workflow']['getHandle']>;

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
  ): Promise<void> {
    return this.once(event, position, workflowId, () =>
      send(this.temporal.workflow.getHandle(workflowId)),
    );
  }

  /** Runs `act` against Temporal once per event id (inbox), bounded in time, errors mapped. */
  async once(
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    act: () => Promise<unknown>,
  ): Promise<void> {
    const processed = await this.inbox.handle(event, position, async () => {
      try {
        // Bounded: an update waits for a worker, and a consumer must never wait for ever.
        await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, act);
      } catch (error) {
        throw toDomainError(error, workflowId);
      }
    });
    this.logger.log({
      msg: processed ? 'event delivered to workflow' : 'duplicate event skipped',
      workflowId,
      eventId: event.id,
      eventType: event.type,
    });
  }
}

function toDomainError(error: unknown, workflowId: string): unknown {
  if (error instanceof WorkflowNotFoundError) {
    // Possibly out of order (the referral's request, or the case's registration, is still on its
    // way on another topic): retried a few times, then dead-lettered as processing-failed.
    return new Error(`No running workflow ${workflowId}`);
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
