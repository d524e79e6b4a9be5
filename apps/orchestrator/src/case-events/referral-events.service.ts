import { Injectable } from '@nestjs/common';
import type {
  EventEnvelope,
  ReferralRequestedV1,
  ReferralRevokedV1,
  ReferralStatusChangedV1,
} from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import {
  CONSENT_WITHDRAWN,
  referralStatusUpdate,
  referralWorkflowId,
  reintegrationPathWorkflowId,
  requestReferralUpdate,
} from '@reintegra/workflow-contracts';
import { WorkflowDelivery } from './workflow-delivery.service';

/**
 * Referral events → workflows. `referral.requested` asks the case's path (update) to start the
 * referral's child workflow; status changes and revocations go to that child (update). An unknown
 * case or referral, an invalid payload or an illegal transition ends on the dead-letter topic.
 */
@Injectable()
export class ReferralEventsHandler {
  constructor(private readonly workflows: WorkflowDelivery) {}

  requested(event: EventEnvelope<ReferralRequestedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.workflows.deliver(
      event,
      position,
      reintegrationPathWorkflowId(data.caseId),
      (handle) =>
        handle.executeUpdate(requestReferralUpdate, {
          args: [
            {
              eventId: event.id,
              referralId: data.referralId,
              service: data.service,
              priority: data.priority,
              providerIds: data.providerIds,
              requestedAt: data.requestedAt,
              consentId: data.consentId,
              ...(data.eligibility ? { eligibility: data.eligibility } : {}),
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
    return this.workflows.deliver(
      event,
      position,
      referralWorkflowId(data.referralId),
      (handle) =>
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
      // A service's answer to a consent withdrawal after the path already withdrew the referral
      // (its workflow has finished): both said the same, nothing is lost.
      { finishedIsDone: data.reasonCode === CONSENT_WITHDRAWN },
    );
  }

  revoked(event: EventEnvelope<ReferralRevokedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.workflows.deliver(event, position, referralWorkflowId(data.referralId), (handle) =>
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
}
