import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ACKNOWLEDGEMENT_HOURS,
  createEvent,
  type EventEnvelope,
  referralRequestedV1,
  referralStatusChangedV1,
  type ReferralStatus,
  victimSupportReferralRequestedV1,
  type VictimSupportStatus,
  type VictimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ForbiddenError } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition, OutboxWriter } from '@reintegra/platform-messaging';
import { CaseAccess } from '../cases/case-access';
import { ConsentsService } from '../consents/consents.service';
import { Referral } from '../referrals/referral.entity';
import type { RequestVictimSupport } from './victim-support-referral.requests';

const HOUR_MS = 3_600_000;
const PROVIDER = 'victim-support';

/** Victim-support states as the path sees them (status only, never details). */
const PATH_STATUS: Record<VictimSupportStatus, ReferralStatus> = {
  accepted: 'accepted',
  engaged: 'in-progress',
  closed: 'completed',
};

/**
 * A victim-support referral is two referrals that only intake can join: a confidential one to
 * victim support (random pseudonymous reference, priority, services; no case id), and a
 * case-keyed one for the reintegration path (deadline and status, no reference). Status from
 * victim support comes back by reference and is forwarded to the path by case.
 */
@Injectable()
export class VictimSupportReferralsService {
  private readonly logger = new Logger(VictimSupportReferralsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
    private readonly cases: CaseAccess,
    private readonly consents: ConsentsService,
  ) {}

  request(caseId: string, request: RequestVictimSupport, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      await this.cases.caseFor(manager, caseId, actor);
      const consent = await this.consents.active(
        manager,
        caseId,
        'service-referral',
        'victim-support',
      );
      if (!consent) {
        throw new ForbiddenError('referral.consent-missing', {
          es: 'Falta el consentimiento vigente de la persona para remitirla a atención a víctimas.',
          en: "The person's active consent to be referred to victim support is missing.",
        });
      }
      const now = new Date();
      const referralId = randomUUID();
      const reference = randomUUID();
      const acknowledgeBy = new Date(
        now.getTime() + ACKNOWLEDGEMENT_HOURS[request.priority] * HOUR_MS,
      );
      await manager.insert(Referral, {
        id: referralId,
        caseId,
        consentId: consent.id,
        service: 'victim-support',
        priority: request.priority,
        providerIds: [PROVIDER],
        reasonCode: null,
        status: 'requested',
        acknowledgeBy,
        requestedAt: now,
        requestedBy: actorReference(actor),
        revokedAt: null,
        revokeReason: null,
      });
      await manager.query(
        `INSERT INTO victim_support_referrals (reference, referral_id, case_id, requested_services, status, updated_at)
         VALUES ($1, $2, $3, $4, 'requested', $5)`,
        [reference, referralId, caseId, request.requestedServices, now],
      );
      // To the path: by case, without the reference.
      await this.outbox.add(
        manager,
        referralRequestedV1,
        createEvent(referralRequestedV1, {
          subject: caseId,
          source: '/reintegra/intake',
          actor: actorReference(actor),
          correlationId,
          time: now,
          data: {
            referralId,
            caseId,
            service: 'victim-support',
            priority: request.priority,
            providerIds: [PROVIDER],
            acknowledgeBy: acknowledgeBy.toISOString(),
            requestedAt: now.toISOString(),
            consentId: consent.id,
          },
        }),
      );
      // To victim support: by reference, without the case; not even who sent it, or when beyond the envelope.
      await this.outbox.add(
        manager,
        victimSupportReferralRequestedV1,
        createEvent(victimSupportReferralRequestedV1, {
          subject: reference,
          source: '/reintegra/intake',
          actor: 'system:intake',
          correlationId: randomUUID(),
          time: now,
          data: {
            reference,
            priority: request.priority,
            requestedServices: request.requestedServices,
            consentGiven: true,
          },
        }),
      );
      // The reference is returned to nobody: the officer sees the case-keyed referral only.
      return {
        referralId,
        caseId,
        priority: request.priority,
        acknowledgeBy: acknowledgeBy.toISOString(),
        status: 'requested',
      };
    });
  }

  /** Victim support reported a status for a reference: forward it to the path by case. */
  async onStatus(
    event: EventEnvelope<VictimSupportStatusChangedV1>,
    position: MessagePosition,
    consumer: string,
  ) {
    await this.inbox.processOnce(
      { consumer, eventId: event.id, eventType: event.type, ...position },
      async (manager) => {
        const [row] = (await manager.query(
          `SELECT referral_id, case_id FROM victim_support_referrals WHERE reference = $1 FOR UPDATE`,
          [event.data.reference],
        )) as Array<{ referral_id: string; case_id: string }>;
        if (!row) {
          // Not a reference this intake minted (another deployment's): nothing to forward.
          this.logger.warn({ msg: 'unknown victim-support reference; ignored', eventId: event.id });
          return;
        }
        const status = PATH_STATUS[event.data.status];
        await manager.query(
          `UPDATE victim_support_referrals SET status = $2, updated_at = now() WHERE reference = $1`,
          [event.data.reference, event.data.status],
        );
        await manager.update(Referral, { id: row.referral_id }, { status });
        await this.outbox.add(
          manager,
          referralStatusChangedV1,
          createEvent(referralStatusChangedV1, {
            subject: row.case_id,
            source: '/reintegra/intake',
            actor: 'system:intake',
            correlationId: event.correlationid,
            causationId: event.id,
            data: {
              referralId: row.referral_id,
              caseId: row.case_id,
              service: 'victim-support',
              providerId: PROVIDER,
              status,
              occurredAt: event.time,
            },
          }),
        );
      },
    );
  }
}
