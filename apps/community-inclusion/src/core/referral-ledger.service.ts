import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReferralStatus } from '@reintegra/event-contracts';
import type { EventContext } from '@reintegra/platform-messaging';
import { CommunityEvents } from './community-events.service';

export interface ReferralRow {
  id: string;
  caseId: string;
  providerIds: string[];
  status: string;
  providerId: string | null;
  membershipId: string | null;
  consentId: string;
}

export const REFERRAL_COLUMNS = `id, case_id AS "caseId", provider_ids AS "providerIds", status,
  provider_id AS "providerId", membership_id AS "membershipId", consent_id AS "consentId"`;

/** Where a referral may go from where it stands (closed loop, product brief flow 5). */
const FROM: Partial<Record<ReferralStatus, string[]>> = {
  accepted: ['received'],
  declined: ['received'],
  'in-progress': ['accepted'],
  completed: ['accepted', 'in-progress'],
  'not-completed': ['accepted', 'in-progress'],
};

/** The community referrals held here and the status reports they send back to the path. */
@Injectable()
export class ReferralLedger {
  constructor(private readonly events: CommunityEvents) {}

  async lock(manager: EntityManager, id: string): Promise<ReferralRow | undefined> {
    const rows = (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals WHERE id = $1 FOR UPDATE`,
      [id],
    )) as ReferralRow[];
    return rows[0];
  }

  /**
   * Moves a referral and reports the move (status-changed through the outbox). A move the
   * referral's current status does not allow is ignored: returns false.
   */
  async move(
    manager: EntityManager,
    referralId: string,
    to: ReferralStatus,
    facts: { providerId: string; membershipId?: string; reasonCode?: string },
    context: EventContext,
  ): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE referrals SET status = $2, provider_id = $3,
              membership_id = coalesce($4, membership_id), reason_code = $5, updated_at = now()
        WHERE id = $1 AND status = ANY ($6)
       RETURNING case_id AS "caseId"`,
      [
        referralId,
        to,
        facts.providerId,
        facts.membershipId ?? null,
        facts.reasonCode ?? null,
        FROM[to] ?? [],
      ],
    )) as [{ caseId: string }[], number];
    if (rows.length === 0) return false;
    await this.events.referralStatus(
      manager,
      {
        referralId,
        caseId: rows[0].caseId,
        providerId: facts.providerId,
        status: to,
        ...(facts.reasonCode ? { reasonCode: facts.reasonCode } : {}),
      },
      context,
    );
    return true;
  }
}
