import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, ForbiddenError, referralNotFound } from '@reintegra/platform-errors';
import { candidateScopeSql, canSeeCandidate, isAdmin, isCaseworker } from '../core/scope';
import { readCandidate } from '../core/candidates.queries';
import type { EventContext } from '@reintegra/platform-messaging';
import { CaseWindDown } from '../core/case-wind-down.service';
import {
  ACCEPTED_REFERRAL,
  REFERRAL_COLUMNS,
  ReferralLedger,
  type ReferralRow,
} from '../core/referral-ledger.service';
import type { CloseReferralRequest } from './referrals.requests';

const notAddressed = () =>
  new ForbiddenError('referral.not-addressed', {
    es: 'La remisión no está dirigida a su oficina.',
    en: 'The referral is not addressed to your office.',
  });

const alreadyAnswered = (referral: ReferralRow) =>
  new ConflictError('referral.already-answered', {
    es: `La remisión ya fue respondida (estado: ${referral.status}).`,
    en: `The referral was already answered (status: ${referral.status}).`,
  });

/**
 * The caseworker's answers to a referral (flow 5): accept, decline with a reason, no capacity
 * (waitlisted: may accept later), and closing an accepted referral. Each answer is reported to
 * the reintegration workflow as the office that gave it.
 */
@Injectable()
export class ReferralDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ReferralLedger,
    private readonly windDown: CaseWindDown,
  ) {}

  /** The referral queue: referrals naming the caller's office, or of their visible candidates. */
  async list(actor: Actor) {
    const params: unknown[] = [];
    const scope = candidateScopeSql(actor, params);
    return this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS}, c.code AS "candidateCode"
         FROM referrals r JOIN candidates c ON c.case_id = r.case_id
        WHERE ${scope} ORDER BY r.received_at DESC LIMIT 500`,
      params,
    );
  }

  accept(referralId: string, actor: Actor, context: EventContext) {
    return this.decide(referralId, actor, async (manager, referral, providerId) => {
      if (referral.status === 'accepted' || referral.status === 'in-progress') {
        throw referral.providerId === providerId
          ? alreadyAnswered(referral)
          : new ConflictError('referral.accepted-elsewhere', {
              es: 'Otra oficina ya aceptó esta remisión.',
              en: 'Another office already accepted this referral.',
            });
      }
      if (!['received', 'no-capacity'].includes(referral.status)) throw alreadyAnswered(referral);
      await this.ledger.move(manager, referral, 'accepted', { providerId }, context);
    });
  }

  /** A decline answers for the caller's office; the referral ends when every office declined. */
  decline(referralId: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.decide(referralId, actor, async (manager, referral, providerId) => {
      if (!['received', 'no-capacity'].includes(referral.status)) throw alreadyAnswered(referral);
      const remaining = referral.providerIds.filter((id) => id !== providerId);
      await manager.query(`UPDATE referrals SET provider_ids = $2 WHERE id = $1`, [
        referral.id,
        remaining,
      ]);
      referral.providerIds = remaining;
      if (remaining.length === 0) {
        await this.ledger.move(manager, referral, 'declined', { providerId, reasonCode }, context);
      } else {
        await this.ledger.report(
          manager,
          referral,
          'declined',
          { providerId, reasonCode },
          context,
        );
      }
    });
  }

  noCapacity(referralId: string, actor: Actor, context: EventContext) {
    return this.decide(referralId, actor, async (manager, referral, providerId) => {
      if (referral.status !== 'received') throw alreadyAnswered(referral);
      await this.ledger.move(manager, referral, 'no-capacity', { providerId }, context);
    });
  }

  /** Ends an accepted referral by hand; any work still open for the person stops with it. */
  close(referralId: string, request: CloseReferralRequest, actor: Actor, context: EventContext) {
    return this.decide(referralId, actor, async (manager, referral, providerId) => {
      if (!ACCEPTED_REFERRAL.includes(referral.status) || referral.providerId !== providerId) {
        throw new ConflictError('referral.not-accepted-here', {
          es: 'Solo la oficina que aceptó la remisión puede cerrarla.',
          en: 'Only the office that accepted the referral can close it.',
        });
      }
      await this.ledger.move(
        manager,
        referral,
        request.outcome,
        { providerId, reasonCode: request.reasonCode },
        context,
      );
      await this.windDown.stop(manager, referral.caseId, `referral-${request.outcome}`, context);
    });
  }

  private async decide(
    referralId: string,
    actor: Actor,
    apply: (manager: EntityManager, referral: ReferralRow, providerId: string) => Promise<void>,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const located = await this.ledger.find(manager, referralId);
      if (!located) throw referralNotFound();
      // Lock order: candidate, then referral (as every other change for the person).
      const candidate = await readCandidate(manager, located.caseId, true);
      if (!canSeeCandidate(actor, candidate)) throw referralNotFound();
      const referral = await this.ledger.lock(manager, referralId);
      const providerId = actingProvider(actor, referral);
      await apply(manager, referral, providerId);
      return this.ledger.find(manager, referralId);
    });
  }
}

/** The office an answer is given for: the caseworker's own (if the referral names it). */
function actingProvider(actor: Actor, referral: ReferralRow): string {
  if (isCaseworker(actor) && actor.organisationId) {
    if (
      referral.providerIds.includes(actor.organisationId) ||
      referral.providerId === actor.organisationId
    ) {
      return actor.organisationId;
    }
    throw notAddressed();
  }
  const fallback = referral.providerId ?? referral.providerIds[0];
  if (isAdmin(actor) && fallback) return fallback;
  throw notAddressed();
}
