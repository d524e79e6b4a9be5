import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ConsentGrantedV1,
  ConsentWithdrawnV1,
  ReferralRequestedV1,
  ReferralRevokedV1,
  ReferralRoutedV1,
} from '@reintegra/event-contracts';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { referralNotFound, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { Memberships } from '../core/memberships.service';
import {
  REFERRAL_COLUMNS,
  ReferralLedger,
  type ReferralRow,
} from '../core/referral-ledger.service';

const isCommunityReferralConsent = (data: { purpose: string; scope?: string }) =>
  data.purpose === 'service-referral' && data.scope === 'community';

/**
 * Community referrals from intake: kept with what routing needs only (never the reason the sender
 * gave, nor who asked), answered when the person joins an activity (accepted) or by the
 * facilitator (declined); revoked by the sender, withdrawn by the orchestrator, stopped by a
 * consent withdrawal.
 */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger(ReferralsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: ReferralLedger,
    private readonly memberships: Memberships,
  ) {}

  async requested(manager: EntityManager, data: ReferralRequestedV1, context: EventContext) {
    if (data.service !== 'community') return;
    await this.serialise(manager, data.caseId);
    const inserted = (await manager.query(
      `INSERT INTO referrals (id, case_id, provider_ids, priority, consent_id, status)
       VALUES ($1, $2, $3, $4, $5, 'received') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [data.referralId, data.caseId, data.providerIds, data.priority, data.consentId],
    )) as unknown[];
    if (inserted.length === 0) return;
    this.logger.log({ msg: 'community referral received', referralId: data.referralId });
    // The consent it rests on may have been withdrawn before the referral reached us.
    const withdrawn = (await manager.query(
      `SELECT 1 FROM case_consents WHERE consent_id = $1 AND withdrawn_at IS NOT NULL`,
      [data.consentId],
    )) as unknown[];
    if (withdrawn.length > 0) await this.stopWithoutConsent(manager, data.caseId, context);
  }

  /** The sender took it back: no report back; the place it opened ends. */
  async revoked(manager: EntityManager, data: ReferralRevokedV1, context: EventContext) {
    await this.serialise(manager, data.caseId);
    const referral = await this.ledger.lock(manager, data.referralId);
    if (!referral || !['received', 'accepted', 'in-progress'].includes(referral.status)) return;
    await manager.query(
      `UPDATE referrals SET status = 'revoked', updated_at = now() WHERE id = $1`,
      [referral.id],
    );
    await this.endPlace(manager, referral, 'referral-revoked', context);
  }

  /** The orchestrator withdrew the referral from one provider (another accepted first, or re-routing). */
  async routed(manager: EntityManager, data: ReferralRoutedV1, context: EventContext) {
    if (data.service !== 'community' || data.action !== 'withdrawn') return;
    await this.serialise(manager, data.caseId);
    const referral = await this.ledger.lock(manager, data.referralId);
    if (!referral) return;
    if (
      ['accepted', 'in-progress'].includes(referral.status) &&
      referral.providerId === data.providerId
    ) {
      await manager.query(
        `UPDATE referrals SET status = 'withdrawn', reason_code = $2, updated_at = now() WHERE id = $1`,
        [referral.id, data.reasonCode ?? 'withdrawn'],
      );
      await this.endPlace(manager, referral, 'referral-withdrawn', context);
      return;
    }
    await manager.query(
      `UPDATE referrals SET provider_ids = array_remove(provider_ids, $2),
              status = CASE WHEN provider_ids = ARRAY[$2]::text[] THEN 'withdrawn' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'received'`,
      [referral.id, data.providerId],
    );
  }

  async consentGranted(manager: EntityManager, data: ConsentGrantedV1) {
    if (!isCommunityReferralConsent(data)) return;
    await this.serialise(manager, data.caseId);
    await manager.query(
      `INSERT INTO case_consents (consent_id, case_id, granted_at) VALUES ($1, $2, $3)
       ON CONFLICT (consent_id) DO NOTHING`,
      [data.consentId, data.caseId, data.grantedAt],
    );
  }

  /** Honoured at once: live places end, live referrals are answered (consent-withdrawn). */
  async consentWithdrawn(manager: EntityManager, data: ConsentWithdrawnV1, context: EventContext) {
    if (!isCommunityReferralConsent(data)) return;
    await this.serialise(manager, data.caseId);
    await manager.query(
      `INSERT INTO case_consents (consent_id, case_id, granted_at, withdrawn_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (consent_id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
      [data.consentId, data.caseId, data.withdrawnAt],
    );
    const stillConsented = (await manager.query(
      `SELECT 1 FROM case_consents WHERE case_id = $1 AND withdrawn_at IS NULL`,
      [data.caseId],
    )) as unknown[];
    if (stillConsented.length === 0) await this.stopWithoutConsent(manager, data.caseId, context);
  }

  /**
   * Without any community consent: places end, referrals are answered, and the self-declared age
   * band and sex of the returnee participant are erased. Kept by case id only: the participant row
   * (origin, municipality), memberships and attendance — the activity's register and the
   * sustained-participation indicators are counted from them — and the referral answers (audit of
   * the closed loop).
   */
  private async stopWithoutConsent(manager: EntityManager, caseId: string, context: EventContext) {
    const reasonCode = 'consent-withdrawn';
    await manager.query(
      `UPDATE participants SET age_band = NULL, sex = NULL, erased_at = now()
        WHERE case_id = $1 AND erased_at IS NULL`,
      [caseId],
    );
    for (const membership of await this.memberships.liveOfCase(manager, caseId))
      await this.memberships.withdraw(manager, membership, reasonCode, context);
    const live = (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals
        WHERE case_id = $1 AND status IN ('received', 'accepted', 'in-progress') FOR UPDATE`,
      [caseId],
    )) as ReferralRow[];
    for (const referral of live) {
      if (referral.status === 'received') {
        for (const providerId of referral.providerIds)
          await this.ledger.move(
            manager,
            referral.id,
            'declined',
            { providerId, reasonCode },
            context,
          );
        continue;
      }
      await this.ledger.move(
        manager,
        referral.id,
        'not-completed',
        { providerId: referral.providerId as string, reasonCode },
        context,
      );
    }
  }

  private async endPlace(
    manager: EntityManager,
    referral: ReferralRow,
    reasonCode: string,
    context: EventContext,
  ) {
    if (!referral.membershipId) return;
    const membership = await this.memberships.find(manager, referral.membershipId);
    if (membership) await this.memberships.withdraw(manager, membership, reasonCode, context);
  }

  /** A facilitator of a provider the referral names says no (no suitable activity). */
  async decline(id: string, reasonCode: string, actor: Actor, context: EventContext) {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.ledger.lock(manager, id);
      if (!referral || !this.mayAnswer(actor, referral)) throw referralNotFound();
      const providerId = hasAnyRole(actor, ['admin'])
        ? referral.providerIds[0]
        : (actor.organisationId as string);
      const moved = await this.ledger.move(
        manager,
        id,
        'declined',
        { providerId, reasonCode },
        context,
      );
      if (!moved)
        throw new UnprocessableError('referral.not-open', {
          es: 'La remisión ya fue respondida.',
          en: 'The referral has already been answered.',
        });
      return { id, status: 'declined', reasonCode };
    });
  }

  /** The queue: referrals naming the caller's organisation (national roles: all). */
  list(actor: Actor) {
    const params: unknown[] = [];
    let where = 'false';
    if (hasAnyRole(actor, ['admin', 'national-supervisor'])) where = 'true';
    else if (hasAnyRole(actor, ['community-facilitator']) && actor.organisationId) {
      params.push(actor.organisationId);
      where = '$1 = ANY (provider_ids)';
    }
    return this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS}, priority, reason_code AS "reasonCode", received_at AS "receivedAt"
         FROM referrals WHERE ${where} ORDER BY received_at DESC LIMIT 500`,
      params,
    );
  }

  private mayAnswer(actor: Actor, referral: ReferralRow): boolean {
    return (
      hasAnyRole(actor, ['admin']) ||
      (hasAnyRole(actor, ['community-facilitator']) &&
        !!actor.organisationId &&
        referral.providerIds.includes(actor.organisationId))
    );
  }

  /** One case's events arrive on several topics concurrently: serialise them per case. */
  private async serialise(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `case:${caseId}`,
    ]);
  }
}
