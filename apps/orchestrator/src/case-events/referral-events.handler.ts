import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type {
  EventEnvelope,
  ReferralRequestedV1,
  ReferralRevokedV1,
  ReferralStatusChangedV1,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition } from '@reintegra/platform-messaging';
import {
  referralStatusUpdate,
  referralWorkflowId,
  reintegrationPathWorkflowId,
  requestReferralUpdate,
} from '@reintegra/workflow-contracts';
import type { OrchestratorConfig } from '../config';

const UPDATE_DEADLINE_MS = 5_000;

/**
 * Referral events → workflows. `referral.requested` asks the case's path (update) to start the
 * referral's child workflow; status changes and revocations go to that child (update). Bad input
 * never reaches workflow state: an unknown case or referral, an invalid payload or an illegal
 * transition (rejected by the update validators) becomes a domain error, which the consumer sends
 * to the dead-letter topic with the reason.
 */
@Injectable()
export class ReferralEventsHandler {
  private readonly logger = new Logger(ReferralEventsHandler.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  requested(event: EventEnvelope<ReferralRequestedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.once(event, position, reintegrationPathWorkflowId(data.caseId), (handle) =>
      handle.executeUpdate(requestReferralUpdate, {
        args: [
          {
            eventId: event.id,
            referralId: data.referralId,
            service: data.service,
            priority: data.priority,
            providerIds: data.providerIds,
            requestedAt: data.requestedAt,
          },
        ],
      }),
    );
  }

  statusChanged(
    event: EventEnvelope<ReferralStatusChangedV1>,
    position: MessagePosition,
  ): Promise<void> {
    const { data } = event;
    return this.once(event, position, referralWorkflowId(data.referralId), (handle) =>
      handle.executeUpdate(referralStatusUpdate, {
        args: [
          {
            eventId: event.id,
            providerId: data.providerId,
            status: data.status,
            ...(data.reasonCode ? { reasonCode: data.reasonCode } : {}),
            occurredAt: data.occurredAt,
          },
        ],
      }),
    );
  }

  revoked(event: EventEnvelope<ReferralRevokedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.once(event, position, referralWorkflowId(data.referralId), (handle) =>
      handle.executeUpdate(referralStatusUpdate, {
        args: [
          {
            eventId: event.id,
            status: 'revoked',
            reasonCode: data.reasonCode,
            occurredAt: data.revokedAt,
          },
        ],
      }),
    );
  }

  private async once(
    event: EventEnvelope,
    position: MessagePosition,
    workflowId: string,
    send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>,
  ): Promise<void> {
    const processed = await this.inbox.processOnce(
      {
        consumer: this.config.KAFKA_CONSUMER_GROUP,
        eventId: event.id,
        eventType: event.type,
        ...position,
      },
      async () => {
        try {
          // Bounded: an update waits for a worker, and a consumer must never wait for ever.
          await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
            send(this.temporal.workflow.getHandle(workflowId)),
          );
        } catch (error) {
          throw toDomainError(error, workflowId);
        }
      },
    );
    this.logger.log({
      msg: processed ? 'referral event delivered' : 'duplicate event skipped',
      workflowId,
      eventId: event.id,
      eventType: event.type,
    });
  }
}

/** Validator rejections are final (dead-letter with the reason); anything else is retried. */
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
