import { Injectable } from '@nestjs/common';
import {
  referralServiceOfConsent,
  type ConsentWithdrawnV1,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import { reintegrationPathWorkflowId, withdrawConsentUpdate } from '@reintegra/workflow-contracts';
import { WorkflowDelivery } from './workflow-delivery.service';

/**
 * Consent events → the case's path. Only the withdrawal of a `service-referral` consent concerns
 * the orchestrator: the path withdraws its open referrals to that service. The other purposes
 * (contact, statistics, partner sharing) govern data the orchestrator does not hold.
 */
@Injectable()
export class ConsentEventsHandler {
  constructor(private readonly workflows: WorkflowDelivery) {}

  async withdrawn(event: EventEnvelope<ConsentWithdrawnV1>, position: MessagePosition) {
    const { data } = event;
    const service = referralServiceOfConsent(data);
    if (!service) return;
    await this.workflows.deliver(
      event,
      position,
      reintegrationPathWorkflowId(data.caseId),
      (handle) =>
        handle.executeUpdate(withdrawConsentUpdate, {
          args: [
            {
              eventId: event.id,
              consentId: data.consentId,
              service,
              withdrawnAt: data.withdrawnAt,
            },
          ],
        }),
      // A closed path, or none, has no open referral: the withdrawal is honoured, not dead-lettered
      // (retried in line, such events held up every case behind them).
      { finishedIsDone: true, absentIsDone: true },
    );
  }
}
