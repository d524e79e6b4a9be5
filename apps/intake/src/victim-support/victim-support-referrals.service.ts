import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type CareReferralKind,
  type EventEnvelope,
  referralStatusChangedV1,
  type ReferralStatus,
  victimSupportReferralRequestedV1,
  type VictimSupportStatus,
  type VictimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { UnprocessableError } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition } from '@reintegra/platform-messaging';
import { CaseAccess } from '../core/case-access.service';
import { ReferralsService } from '../referrals/referrals.service';
import { Referral } from '../referrals/referral.entity';
import type { RequestVictimSupport } from './victim-support-referral.requests';
import { hourOf, VictimSupportDispatch } from './victim-support-dispatch.service';

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
 * victim support comes back by reference and is forwarded to the path by case. What crosses from
 * one side to the other goes through the dispatch hold, so no time, id or order on the bus joins
 * the two.
 */
@Injectable()
export class VictimSupportReferralsService {
  private readonly logger = new Logger(VictimSupportReferralsService.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly dispatch: VictimSupportDispatch,
    private readonly cases: CaseAccess,
    private readonly referrals: ReferralsService,
  ) {}

  request(caseId: string, request: RequestVictimSupport, actor: Actor, correlationId: string) {
    return this.send(caseId, 'care', request, actor, correlationId);
  }

  /**
   * A minor's protection referral, on the same confidential route shape: the case-keyed side is a
   * `child-protection` referral (its consent, given by the guardian, is checked there) without
   * the child's age, sex or district; the other side is a reference of kind `child-protection`
   * to victim support, whose supervisor assigns it. An adult's case is refused: child protection
   * is for children, and an adult survivor's route is victim support's own.
   */
  requestChildProtection(
    caseId: string,
    request: RequestVictimSupport,
    actor: Actor,
    correlationId: string,
  ) {
    return this.send(caseId, 'child-protection', request, actor, correlationId);
  }

  private send(
    caseId: string,
    kind: CareReferralKind,
    request: RequestVictimSupport,
    actor: Actor,
    correlationId: string,
  ) {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      if (kind === 'child-protection' && !episode.minor) {
        throw new UnprocessableError('child-protection.not-a-minor', {
          es: 'La persona no es menor de edad: la protección de la niñez es para niñas, niños y adolescentes. Para una persona adulta, use la remisión a atención a víctimas.',
          en: 'The person is not a minor: child protection is for children. For an adult, use the victim-support referral.',
        });
      }
      // To the path: an ordinary case-keyed referral (consent checked there), without the reference.
      const referral = await this.referrals.open(
        manager,
        caseId,
        {
          service: kind === 'care' ? 'victim-support' : 'child-protection',
          priority: request.priority,
          providerIds: [PROVIDER],
          withholdEligibility: kind === 'child-protection',
        },
        actor,
        correlationId,
      );
      const reference = randomUUID();
      await manager.query(
        `INSERT INTO victim_support_referrals (reference, referral_id, case_id, requested_services, status, updated_at)
         VALUES ($1, $2, $3, $4, 'requested', $5)`,
        [reference, referral.id, caseId, request.requestedServices, referral.requestedAt],
      );
      // To victim support: by reference, without the case, not even who sent it; held, so it
      // leaves neither with the case-keyed referral nor at its time. A survivor's care carries no
      // kind (as before it existed), so its events look as they always did.
      await this.dispatch.hold(manager, victimSupportReferralRequestedV1, {
        subject: reference,
        data: {
          reference,
          priority: request.priority,
          requestedServices: request.requestedServices,
          consentGiven: true,
          municipalityCode: episode.municipalityCode, // routes it to that municipality's office
          ...(kind === 'child-protection' ? { kind } : {}),
        },
      });
      // The reference is returned to nobody: the officer sees the case-keyed referral only.
      return {
        referralId: referral.id,
        caseId,
        service: referral.service,
        priority: referral.priority,
        acknowledgeBy: referral.acknowledgeBy.toISOString(),
        status: referral.status,
      };
    });
  }

  /** Victim support reported a status for a reference: forward it to the path by case. */
  async onStatus(
    event: EventEnvelope<VictimSupportStatusChangedV1>,
    position: MessagePosition,
  ): Promise<void> {
    await this.inbox.handle(event, position, async (manager) => {
      const [row] = (await manager.query(
        `SELECT v.referral_id, v.case_id, r.requested_at, r.service
           FROM victim_support_referrals v JOIN referrals r ON r.id = v.referral_id
          WHERE v.reference = $1 FOR UPDATE OF v`,
        [event.data.reference],
      )) as Array<{
        referral_id: string;
        case_id: string;
        requested_at: Date;
        service: 'victim-support' | 'child-protection';
      }>;
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
      // Held like the referral, and dated to the hour only (never before the request, which the
      // path already knows): the exact time would match the victim-support event's.
      await this.dispatch.hold(manager, referralStatusChangedV1, {
        subject: row.case_id,
        data: {
          referralId: row.referral_id,
          caseId: row.case_id,
          service: row.service,
          providerId: PROVIDER,
          status,
          occurredAt: new Date(
            Math.max(hourOf(new Date(event.time)).getTime(), row.requested_at.getTime()),
          ).toISOString(),
        },
      });
    });
  }
}
