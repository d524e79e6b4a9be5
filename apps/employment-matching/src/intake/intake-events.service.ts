import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  partnerCategoryOfConsent,
  referralServiceOfConsent,
  type ConsentGrantedV1,
  type ConsentWithdrawnV1,
  type EpisodeOpenedV1,
  type ReferralRequestedV1,
  type ReferralRevokedV1,
  type ReferralRoutedV1,
  type ReturneeRegisteredV1,
} from '@reintegra/event-contracts';
import type { EventContext } from '@reintegra/platform-messaging';
import { CaseWindDown } from '../core/case-wind-down.service';
import { ACCEPTED_REFERRAL, LIVE_REFERRAL, ReferralLedger } from '../core/referral-ledger.service';

/** The consents this service honours: sharing with employers, and the referral to it. */
const isEmployerSharing = (data: { purpose: string; scope?: string }) =>
  partnerCategoryOfConsent(data) === 'employer';
const isEmploymentReferral = (data: { purpose: string; scope?: string }) =>
  referralServiceOfConsent(data) === 'employment';
/** Stored as the vocabulary names it (a legacy `employers` is kept as `employer`). */
const storedScope = (data: { purpose: string; scope?: string }) =>
  isEmployerSharing(data) ? 'employer' : data.scope;

/**
 * What intake and the orchestrator tell this service: employment referrals (and their
 * revocation or withdrawal from an office), consents, and each case's residence codes. Each
 * handler runs inside the inbox transaction of its event.
 */
@Injectable()
export class IntakeEvents {
  private readonly logger = new Logger(IntakeEvents.name);

  constructor(
    private readonly ledger: ReferralLedger,
    private readonly windDown: CaseWindDown,
  ) {}

  async requested(
    manager: EntityManager,
    data: ReferralRequestedV1,
    context: EventContext,
  ): Promise<void> {
    await this.serialise(manager, data.caseId);
    const received = await this.ledger.receive(manager, data);
    if (!received) return;
    this.logger.log({ msg: 'employment referral received', referralId: data.referralId });
    // The consent it rests on may have been withdrawn before the referral reached us.
    const withdrawn = (await manager.query(
      `SELECT 1 FROM consents WHERE consent_id = $1 AND withdrawn_at IS NOT NULL`,
      [data.consentId],
    )) as unknown[];
    if (withdrawn.length > 0) await this.stopWithoutConsent(manager, data.caseId, context);
  }

  /** The sender took the referral back: no report back; work for the person stops if it was the last. */
  async revoked(manager: EntityManager, data: ReferralRevokedV1, context: EventContext) {
    await this.serialise(manager, data.caseId);
    const known = await this.ledger.find(manager, data.referralId);
    if (!known) return; // a referral to another service
    await this.lockCandidate(manager, known.caseId);
    const referral = await this.ledger.lock(manager, data.referralId);
    if (!LIVE_REFERRAL.includes(referral.status)) return;
    await manager.query(
      `UPDATE referrals SET status = 'revoked', reason_code = $2, updated_at = now() WHERE id = $1`,
      [referral.id, data.reasonCode],
    );
    await this.endIfLast(manager, referral.caseId, 'referral-revoked', context);
  }

  /**
   * The orchestrator withdrew the referral from one office (another accepted first, or it
   * re-routes): that office is no longer asked; if it had taken the person on, its work stops.
   */
  async routed(manager: EntityManager, data: ReferralRoutedV1, context: EventContext) {
    if (data.service !== 'employment' || data.action !== 'withdrawn') return;
    await this.serialise(manager, data.caseId);
    const known = await this.ledger.find(manager, data.referralId);
    if (!known) return;
    await this.lockCandidate(manager, known.caseId);
    const referral = await this.ledger.lock(manager, data.referralId);
    if (!LIVE_REFERRAL.includes(referral.status)) return;
    const remaining = referral.providerIds.filter((id) => id !== data.providerId);
    const acceptedHere =
      ACCEPTED_REFERRAL.includes(referral.status) && referral.providerId === data.providerId;
    const nobodyLeft = !ACCEPTED_REFERRAL.includes(referral.status) && remaining.length === 0;
    await manager.query(
      `UPDATE referrals SET provider_ids = $2,
              status = CASE WHEN $3 THEN 'withdrawn' ELSE status END,
              reason_code = CASE WHEN $3 THEN $4 ELSE reason_code END, updated_at = now()
        WHERE id = $1`,
      [referral.id, remaining, acceptedHere || nobodyLeft, data.reasonCode ?? 'withdrawn'],
    );
    if (acceptedHere || nobodyLeft) {
      await this.endIfLast(manager, referral.caseId, 'referral-withdrawn', context);
    }
  }

  async consentGranted(manager: EntityManager, data: ConsentGrantedV1): Promise<void> {
    if (!isEmployerSharing(data) && !isEmploymentReferral(data)) return;
    await this.serialise(manager, data.caseId);
    await manager.query(
      `INSERT INTO consents (consent_id, case_id, purpose, scope, granted_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consent_id) DO NOTHING`,
      [data.consentId, data.caseId, data.purpose, storedScope(data), data.grantedAt],
    );
  }

  /**
   * Honoured at once. Without sharing consent employers see the pseudonymous code only (read at
   * every request). Withdrawing the employment referral consent erases the name, phone and skills
   * profile (occupations, skills, certifications, preferred places, availability) held here,
   * answers the live referrals (declined or not completed: consent-withdrawn) and stops every
   * proposal, workshop place and unfinished project. Kept by case id and pseudonymous code: the
   * referrals, placements and their retention checks, workshop and project records — the
   * providers' and employers' records of what was offered and done, and the audit of the loop.
   */
  async consentWithdrawn(manager: EntityManager, data: ConsentWithdrawnV1, context: EventContext) {
    if (!isEmployerSharing(data) && !isEmploymentReferral(data)) return;
    await this.serialise(manager, data.caseId);
    await manager.query(
      `INSERT INTO consents (consent_id, case_id, purpose, scope, granted_at, withdrawn_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (consent_id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
      [data.consentId, data.caseId, data.purpose, storedScope(data), data.withdrawnAt],
    );
    if (!isEmploymentReferral(data)) return;
    if (!(await this.lockCandidate(manager, data.caseId))) return;
    await this.stopWithoutConsent(manager, data.caseId, context);
  }

  private async stopWithoutConsent(manager: EntityManager, caseId: string, context: EventContext) {
    await manager.query(
      `UPDATE candidates SET consent_withdrawn = true, open = false, display_name = NULL,
              contact_phone = NULL, occupations = '[]', isco_codes = '{}',
              skills = '{}', certifications = '{}', preferred_municipalities = '{}',
              availability = 0, version = version + 1, updated_at = now()
        WHERE case_id = $1`,
      [caseId],
    );
    const reasonCode = 'consent-withdrawn';
    for (const referral of await this.ledger.liveFor(manager, caseId)) {
      if (ACCEPTED_REFERRAL.includes(referral.status) && referral.providerId) {
        await this.ledger.move(
          manager,
          referral,
          'not-completed',
          { providerId: referral.providerId, reasonCode },
          context,
        );
        continue;
      }
      for (const providerId of referral.providerIds) {
        await this.ledger.report(
          manager,
          referral,
          'declined',
          { providerId, reasonCode },
          context,
        );
      }
      await manager.query(
        `UPDATE referrals SET status = 'declined', reason_code = $2, updated_at = now() WHERE id = $1`,
        [referral.id, reasonCode],
      );
    }
    await this.windDown.stop(manager, caseId, reasonCode, context);
  }

  /** Residence codes and the minor flag of a case (registered or a new return episode). */
  async residence(manager: EntityManager, data: ReturneeRegisteredV1 | EpisodeOpenedV1) {
    await this.serialise(manager, data.caseId);
    await manager.query(
      `INSERT INTO case_residence (case_id, municipality_code, district_code, minor)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (case_id) DO UPDATE SET municipality_code = EXCLUDED.municipality_code,
         district_code = EXCLUDED.district_code, minor = EXCLUDED.minor, updated_at = now()`,
      [data.caseId, data.municipalityCode, data.districtCode ?? null, data.minor],
    );
    // A referral that arrived first made the candidate without them.
    await manager.query(
      `UPDATE candidates SET municipality_code = coalesce(municipality_code, $2),
              district_code = CASE WHEN municipality_code IS NULL THEN $3 ELSE district_code END,
              minor = CASE WHEN profiled THEN minor ELSE $4 END, updated_at = now()
        WHERE case_id = $1`,
      [data.caseId, data.municipalityCode, data.districtCode ?? null, data.minor],
    );
  }

  /**
   * One case's events arrive on several topics and are handled concurrently; without this lock a
   * referral and the case's registration could each miss the other's uncommitted row.
   */
  private async serialise(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `case:${caseId}`,
    ]);
  }

  private async lockCandidate(manager: EntityManager, caseId: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM candidates WHERE case_id = $1 FOR UPDATE`, [
      caseId,
    ])) as unknown[];
    return rows.length > 0;
  }

  private async endIfLast(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ): Promise<void> {
    await this.ledger.refreshOpen(manager, caseId);
    if ((await this.ledger.liveFor(manager, caseId)).length > 0) return;
    await this.windDown.stop(manager, caseId, reasonCode, context);
  }
}
