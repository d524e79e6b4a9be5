import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ACKNOWLEDGEMENT_HOURS,
  canMoveReferral,
  referralRequestedV1,
  referralRevokedV1,
  REVOCABLE_STATUSES,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, ForbiddenError, referralNotFound } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { CaseAccess } from '../core/case-access.service';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';
import { ConsentsService } from '../consents/consents.service';
import { eligibilityFacts } from './referral-eligibility';
import { Referral } from './referral.entity';
import type { RequestReferralRequest, RevokeReferralRequest } from './referral.requests';

const HOUR_MS = 3_600_000;

/** A referral as the office sees it: where it stands in the closed loop. */
export function referralView(referral: Referral) {
  return {
    id: referral.id,
    caseId: referral.caseId,
    service: referral.service,
    priority: referral.priority,
    providerIds: referral.providerIds,
    reasonCode: referral.reasonCode,
    status: referral.status,
    statusChangedAt: referral.statusChangedAt.toISOString(),
    statusReason: referral.statusReason,
    acceptedBy: referral.acceptedBy,
    acknowledgeBy: referral.acknowledgeBy.toISOString(),
    requestedAt: referral.requestedAt.toISOString(),
    revokedAt: referral.revokedAt?.toISOString() ?? null,
  };
}
export type ReferralView = ReturnType<typeof referralView>;

/**
 * Sends referrals from a case to a service. No referral leaves without the consent it needs:
 * an active `service-referral` consent scoped to that service, checked and used in one transaction.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
    private readonly consents: ConsentsService,
  ) {}

  request(caseId: string, request: RequestReferralRequest, actor: Actor, correlationId: string) {
    return this.cases.inCase(caseId, actor, async (manager) => {
      return referralView(await this.open(manager, caseId, request, actor, correlationId));
    });
  }

  /**
   * Records a referral and publishes `referral.requested` inside the caller's transaction, after
   * checking the consent for its service. The caller has checked access to the case. Without the
   * consent it throws `referral.consent-missing` before writing anything, so a caller may report
   * that and carry on in the same transaction (plan approval).
   */
  async open(
    manager: EntityManager,
    caseId: string,
    request: Pick<Referral, 'service' | 'priority' | 'providerIds'> & {
      reasonCode?: string;
      /** When the referral was really made (on paper); now when absent. */
      requestedAt?: string;
      /**
       * Leave the person's age, sex and district out of the event (a child-protection referral:
       * its one provider needs no re-routing, and the child's facts must not travel).
       */
      withholdEligibility?: boolean;
    },
    actor: Actor,
    correlationId: string,
  ): Promise<Referral> {
    // Read under a share lock so a closure cannot slip in between; a closed case takes no new
    // referral (no service would ever be asked to work on it, and its path is gone).
    const episode = await manager.findOne(ReturnEpisode, {
      where: { id: caseId },
      select: ['id', 'status', 'returneeId', 'districtCode'],
      lock: { mode: 'pessimistic_read' },
    });
    if (episode?.status === 'closed') {
      throw new ConflictError(
        'case.closed',
        {
          es: 'El expediente está cerrado: ya no se pueden enviar remisiones. Si la persona volvió a necesitar apoyo, abra un nuevo retorno.',
          en: 'The case is closed: no more referrals can be sent. If the person needs support again, open a new return.',
        },
        undefined,
        { currentStatus: episode.status },
      );
    }
    const consent = await this.consents.active(
      manager,
      caseId,
      'service-referral',
      request.service,
    );
    if (!consent) {
      throw new ForbiddenError('referral.consent-missing', {
        es: `Falta el consentimiento vigente de la persona para remitir al servicio "${request.service}".`,
        en: `The person's active consent to be referred to "${request.service}" is missing.`,
      });
    }
    const now = new Date();
    const requestedAt = request.requestedAt ? new Date(request.requestedAt) : now;
    const person = episode
      ? await manager.findOne(Returnee, {
          where: { id: episode.returneeId },
          select: ['id', 'dateOfBirth', 'gender'],
        })
      : null;
    const referral = manager.create(Referral, {
      id: randomUUID(),
      caseId,
      consentId: consent.id,
      service: request.service,
      priority: request.priority,
      providerIds: request.providerIds,
      reasonCode: request.reasonCode ?? null,
      status: 'requested',
      acknowledgeBy: new Date(
        requestedAt.getTime() + ACKNOWLEDGEMENT_HOURS[request.priority] * HOUR_MS,
      ),
      requestedAt,
      requestedBy: actorReference(actor),
      revokedAt: null,
      revokeReason: null,
      statusChangedAt: now,
      statusReason: null,
      acceptedBy: null,
    });
    await manager.insert(Referral, referral);
    await this.outbox.publish(
      manager,
      referralRequestedV1,
      {
        subject: caseId,
        time: now,
        data: {
          referralId: referral.id,
          caseId,
          service: referral.service,
          priority: referral.priority,
          providerIds: referral.providerIds,
          ...(referral.reasonCode ? { reasonCode: referral.reasonCode } : {}),
          acknowledgeBy: referral.acknowledgeBy.toISOString(),
          requestedAt: requestedAt.toISOString(),
          consentId: consent.id,
          ...(person && episode && !request.withholdEligibility
            ? { eligibility: eligibilityFacts(person, episode, requestedAt) }
            : {}),
        },
      },
      { actor: actorReference(actor), correlationId },
    );
    return referral;
  }

  revoke(
    caseId: string,
    referralId: string,
    request: RevokeReferralRequest,
    actor: Actor,
    correlationId: string,
  ) {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const referral = await manager.findOne(Referral, {
        where: { id: referralId, caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!referral) {
        throw referralNotFound();
      }
      if (!canMoveReferral(referral.status, 'revoked')) {
        throw new ConflictError('referral.illegal-transition', {
          es: `Una remisión en estado "${referral.status}" ya no puede revocarse (solo: ${REVOCABLE_STATUSES.join(', ')}).`,
          en: `A referral in state "${referral.status}" can no longer be revoked (only: ${REVOCABLE_STATUSES.join(', ')}).`,
        });
      }
      const now = new Date();
      await manager.update(
        Referral,
        { id: referral.id },
        {
          status: 'revoked',
          revokedAt: now,
          revokeReason: request.reasonCode,
          statusChangedAt: now,
          statusReason: request.reasonCode,
        },
      );
      await this.outbox.publish(
        manager,
        referralRevokedV1,
        {
          subject: caseId,
          time: now,
          data: {
            referralId,
            caseId,
            reasonCode: request.reasonCode,
            revokedAt: now.toISOString(),
          },
        },
        { actor: actorReference(actor), correlationId },
      );
      return referralView({
        ...referral,
        status: 'revoked',
        revokedAt: now,
        revokeReason: request.reasonCode,
        statusChangedAt: now,
        statusReason: request.reasonCode,
      });
    });
  }

  list(caseId: string, actor: Actor) {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const referrals = await manager.find(Referral, {
        where: { caseId },
        order: { requestedAt: 'ASC' },
      });
      return referrals.map(referralView);
    });
  }
}
