import { Injectable } from '@nestjs/common';
import {
  referralRequestedV1,
  type EventEnvelope,
  type ReferralRequestedV1,
  type ReferralRevokedV1,
  type ReferralStatusChangedV1,
} from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import {
  CONSENT_WITHDRAWN,
  type ReferralStatusReport,
  referralStatusUpdate,
  referralWorkflowId,
  reintegrationPathWorkflowId,
  requestReferralUpdate,
} from '@reintegra/workflow-contracts';
import { ParkedEvents, type Send, sendUpdate } from './parked-events';
import { type DeliveryOptions, WorkflowDelivery } from './workflow-delivery.service';

/**
 * Referral events → workflows. `referral.requested` asks the case's path (update) to start the
 * referral's child workflow; one that comes before the path has started (its registration still
 * behind a backlog on another topic) is parked until the path starts. Status changes and
 * revocations go to the child (update). An invalid payload or an illegal transition ends on the
 * dead-letter topic at once, an unknown referral after a few tries.
 */
@Injectable()
export class ReferralEventsHandler {
  constructor(
    private readonly workflows: WorkflowDelivery,
    parking: ParkedEvents,
  ) {
    parking.register(referralRequestedV1.type, {
      send: (event) => requestReferral(event as EventEnvelope<ReferralRequestedV1>),
    });
  }

  requested(event: EventEnvelope<ReferralRequestedV1>, position: MessagePosition): Promise<void> {
    return this.workflows.deliver(
      event,
      position,
      reintegrationPathWorkflowId(event.data.caseId),
      requestReferral(event),
      { parksUntilStarted: true },
    );
  }

  statusChanged(
    event: EventEnvelope<ReferralStatusChangedV1>,
    position: MessagePosition,
  ): Promise<void> {
    const { data } = event;
    return this.toReferral(
      event,
      position,
      data.referralId,
      {
        eventId: event.id,
        providerId: data.providerId,
        status: data.status,
        ...(data.reasonCode ? { reasonCode: data.reasonCode } : {}),
        occurredAt: data.occurredAt,
      },
      // A service's answer to a consent withdrawal after the path already withdrew the referral
      // (its workflow has finished): both said the same, nothing is lost.
      { finishedIsDone: data.reasonCode === CONSENT_WITHDRAWN },
    );
  }

  revoked(event: EventEnvelope<ReferralRevokedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.toReferral(event, position, data.referralId, {
      eventId: event.id,
      status: 'revoked',
      reasonCode: data.reasonCode,
      occurredAt: data.revokedAt,
    });
  }

  /** Reports the referral's new status to its child workflow (update). */
  private toReferral(
    event: EventEnvelope,
    position: MessagePosition,
    referralId: string,
    report: ReferralStatusReport,
    options?: DeliveryOptions,
  ): Promise<void> {
    const workflowId = referralWorkflowId(referralId);
    return this.workflows.deliver(
      event,
      position,
      workflowId,
      sendUpdate(referralStatusUpdate, report),
      options,
    );
  }
}

/** The path's requestReferral update for a `referral.requested` event. */
function requestReferral(event: EventEnvelope<ReferralRequestedV1>): Send {
  const { data } = event;
  return sendUpdate(requestReferralUpdate, {
    eventId: event.id,
    referralId: data.referralId,
    service: data.service,
    priority: data.priority,
    providerIds: data.providerIds,
    requestedAt: data.requestedAt,
    consentId: data.consentId,
    ...(data.eligibility ? { eligibility: data.eligibility } : {}),
  });
}
