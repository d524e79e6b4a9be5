import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  canMoveReferral,
  type EventEnvelope,
  type ReferralRoutedV1,
  type ReferralStatusChangedV1,
} from '@reintegra/event-contracts';
import { ConflictError, referralNotFound } from '@reintegra/platform-errors';
import {
  EVENT_ORIGIN,
  type EventOrigin,
  Inbox,
  type MessagePosition,
} from '@reintegra/platform-messaging';
import { reportProblem } from './referral-lifecycle';
import { Referral } from './referral.entity';

/** Withdrawals by the path that end the referral itself (not just one provider's part in it). */
const ENDS_REFERRAL = ['path-closed', 'consent-withdrawn'];

/**
 * Keeps intake's referral rows current from what the services report and what the reintegration
 * path routes. Each event is applied once (inbox, same transaction); a report the closed loop
 * does not allow is rejected with the reason, which sends it to the dead-letter topic.
 */
@Injectable()
export class ReferralStatusService {
  private readonly logger = new Logger(ReferralStatusService.name);

  constructor(
    private readonly inbox: Inbox,
    @Inject(EVENT_ORIGIN) private readonly origin: EventOrigin,
  ) {}

  /** `referral.status-changed` from a service (accepted, declined, waitlisted, in progress, …). */
  async onStatusReport(
    event: EventEnvelope<ReferralStatusChangedV1>,
    position: MessagePosition,
  ): Promise<void> {
    // Intake forwards victim-support status on this topic itself, after applying it.
    if (event.source === this.origin.source) return;
    await this.inbox.handle(event, position, async (manager) => {
      const report = event.data;
      const referral = await this.lockReferral(manager, report.referralId, report.caseId);
      if (referral.service !== report.service) {
        throw new ConflictError('referral.service-mismatch', {
          es: `La remisión es para "${referral.service}", no para "${report.service}".`,
          en: `The referral is for "${referral.service}", not "${report.service}".`,
        });
      }
      const problem = reportProblem(referral, report);
      if (problem) throw new ConflictError('referral.illegal-transition', problem);
      const accepting = report.status === 'accepted' || report.status === 'in-progress';
      await manager.update(
        Referral,
        { id: referral.id },
        {
          status: report.status,
          statusChangedAt: new Date(report.occurredAt),
          statusReason: report.reasonCode ?? null,
          ...(accepting && referral.acceptedBy === null ? { acceptedBy: report.providerId } : {}),
        },
      );
    });
  }

  /**
   * `referral-routed` from the path: asking or re-routing marks the referral `sent` with its new
   * deadline; the path closing, or the person withdrawing the service's consent, withdraws it. Other routing (a bundle's siblings withdrawn after an
   * acceptance, silent providers withdrawn before a re-route) leaves the referral as it is, and so
   * does a routing event that arrives after the providers already answered.
   */
  async onRouted(event: EventEnvelope<ReferralRoutedV1>, position: MessagePosition): Promise<void> {
    await this.inbox.handle(event, position, async (manager) => {
      const routed = event.data;
      const referral = await this.lockReferral(manager, routed.referralId, routed.caseId);
      const at = new Date(routed.occurredAt);
      if (routed.action === 'withdrawn') {
        const reason = routed.reasonCode ?? '';
        if (ENDS_REFERRAL.includes(reason) && canMoveReferral(referral.status, 'withdrawn')) {
          await manager.update(
            Referral,
            { id: referral.id },
            { status: 'withdrawn', statusChangedAt: at, statusReason: reason },
          );
        }
        return;
      }
      if (!['requested', 'sent', 'declined', 'no-capacity'].includes(referral.status)) {
        this.logger.debug({ msg: 'late routing event ignored', eventId: event.id });
        return;
      }
      await manager.update(
        Referral,
        { id: referral.id },
        {
          status: 'sent',
          statusChangedAt: at,
          statusReason: null,
          ...(routed.acknowledgeBy ? { acknowledgeBy: new Date(routed.acknowledgeBy) } : {}),
        },
      );
    });
  }

  private async lockReferral(
    manager: EntityManager,
    referralId: string,
    caseId: string,
  ): Promise<Referral> {
    const referral = await manager.findOne(Referral, {
      where: { id: referralId, caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!referral) throw referralNotFound();
    return referral;
  }
}
