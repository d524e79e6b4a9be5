import { Injectable } from '@nestjs/common';
import {
  consentWithdrawnV1,
  referralServiceOfConsent,
  type ConsentWithdrawnV1,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import { reintegrationPathWorkflowId, withdrawConsentSignal } from '@reintegra/workflow-contracts';
import { ParkedEvents, type Send } from './parked-events';
import { WorkflowDelivery } from './workflow-delivery.service';

/**
 * Consent events → the case's path. Only the withdrawal of a `service-referral` consent concerns
 * the orchestrator: the path withdraws its open referrals to that service. The other purposes
 * (contact, statistics, partner sharing) govern data the orchestrator does not hold. Sent as a
 * signal: Temporal accepts it at once whether a worker polls the path's queue or not, so a
 * withdrawal never holds the consumer in line waiting for one (as an update did, 5 × 5 s). While
 * referral requests of the case are parked (its path not started yet), the withdrawal waits behind
 * them, so the path learns of it after the referrals it ends.
 */
@Injectable()
export class ConsentEventsHandler {
  constructor(
    private readonly workflows: WorkflowDelivery,
    parking: ParkedEvents,
  ) {
    parking.register(consentWithdrawnV1.type, {
      send: (event) => withdrawConsent(event as EventEnvelope<ConsentWithdrawnV1>),
      finishedIsDone: true,
    });
  }

  async withdrawn(event: EventEnvelope<ConsentWithdrawnV1>, position: MessagePosition) {
    if (!referralServiceOfConsent(event.data)) return;
    await this.workflows.deliver(
      event,
      position,
      reintegrationPathWorkflowId(event.data.caseId),
      withdrawConsent(event),
      // A closed path, or none, has no open referral: the withdrawal is honoured, not dead-lettered
      // (retried in line, such events held up every case behind them).
      { absentIsDone: true, queuesBehindParked: true },
    );
  }
}

/** The path's withdrawConsent signal for a withdrawn `service-referral` consent. */
function withdrawConsent(event: EventEnvelope<ConsentWithdrawnV1>): Send {
  const { data } = event;
  const service = referralServiceOfConsent(data);
  return async (handle) => {
    if (!service) return;
    await handle.signal(withdrawConsentSignal, {
      eventId: event.id,
      consentId: data.consentId,
      service,
      withdrawnAt: data.withdrawnAt,
    });
  };
}
