import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  canMoveReferral,
  type ReferralRequestedV1,
  type ReferralStatus,
} from '@reintegra/event-contracts';
import { ConflictError, referralNotFound, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { EmploymentEvents } from './employment-events.service';

/** Where a referral to this service stands (the service's side of flow 5). */
export type LocalReferralStatus =
  | 'received'
  | 'accepted'
  | 'no-capacity'
  | 'in-progress'
  | 'declined'
  | 'completed'
  | 'not-completed'
  | 'revoked'
  | 'withdrawn';

/** Still to be answered, or being worked on. */
export const LIVE_REFERRAL: readonly LocalReferralStatus[] = [
  'received',
  'accepted',
  'no-capacity',
  'in-progress',
];
/** Statuses a referral reaches by an answer, and reports to the workflow. */
export type ReportedStatus = ReferralStatus & LocalReferralStatus;

export const ACCEPTED_REFERRAL: readonly LocalReferralStatus[] = ['accepted', 'in-progress'];

export interface ReferralRow {
  id: string;
  caseId: string;
  providerIds: string[];
  priority: string;
  status: LocalReferralStatus;
  providerId: string | null;
  reasonCode: string | null;
  acknowledgeBy: string;
  receivedAt: string;
}

/** An accepted referral always names the office that accepted it (a CHECK in the schema). */
export type AcceptedReferral = ReferralRow & { providerId: string };

export const REFERRAL_COLUMNS = `r.id, r.case_id AS "caseId", r.provider_ids AS "providerIds",
  r.priority, r.status, r.provider_id AS "providerId", r.reason_code AS "reasonCode",
  r.acknowledge_by AS "acknowledgeBy", r.received_at AS "receivedAt"`;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Pseudonymous candidate code shown to employers without consent, e.g. "C-7K3M9QXA". */
function newCandidateCode(): string {
  const bytes = randomBytes(8);
  return `C-${[...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('')}`;
}

/**
 * Referral rows and the referral.status-changed events the reintegration workflow follows:
 * accepted / declined(reason) / no-capacity when answered, in-progress when work starts (a
 * proposal, a workshop, an approved project), completed(outcome) or not-completed(reason).
 * Everything runs in the caller's transaction.
 */
@Injectable()
export class ReferralLedger {
  constructor(private readonly events: EmploymentEvents) {}

  /** An employment referral from intake: the candidate exists from now on. False if a repeat. */
  async receive(manager: EntityManager, data: ReferralRequestedV1): Promise<boolean> {
    if (data.service !== 'employment') return false;
    await manager.query(
      `INSERT INTO candidates (case_id, code, referred_to, municipality_code, district_code, minor)
       SELECT $1, $2, $3::text[], r.municipality_code, r.district_code, coalesce(r.minor, false)
         FROM (SELECT 1) AS one LEFT JOIN case_residence r ON r.case_id = $1
       ON CONFLICT (case_id) DO UPDATE SET
         referred_to = ARRAY(SELECT DISTINCT unnest(candidates.referred_to || EXCLUDED.referred_to)),
         consent_withdrawn = false,
         updated_at = now()`,
      [data.caseId, newCandidateCode(), data.providerIds],
    );
    const inserted = (await manager.query(
      `INSERT INTO referrals (id, case_id, provider_ids, priority, status, acknowledge_by)
       VALUES ($1, $2, $3, $4, 'received', $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [data.referralId, data.caseId, data.providerIds, data.priority, data.acknowledgeBy],
    )) as unknown[];
    await this.refreshOpen(manager, data.caseId);
    return inserted.length > 0;
  }

  async lock(manager: EntityManager, referralId: string): Promise<ReferralRow> {
    const rows = (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1 FOR UPDATE`,
      [referralId],
    )) as ReferralRow[];
    if (!rows[0]) throw referralNotFound();
    return rows[0];
  }

  async find(manager: EntityManager, referralId: string): Promise<ReferralRow | undefined> {
    const rows = (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1`,
      [referralId],
    )) as ReferralRow[];
    return rows[0];
  }

  async liveFor(manager: EntityManager, caseId: string): Promise<ReferralRow[]> {
    return (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r
        WHERE r.case_id = $1 AND r.status = ANY ($2) ORDER BY r.received_at FOR UPDATE`,
      [caseId, LIVE_REFERRAL],
    )) as ReferralRow[];
  }

  /**
   * The accepted referral work on a candidate answers to (the latest), locked. Proposals,
   * workshops and projects need one: a person is worked with only once the office took them on.
   */
  async requireAccepted(manager: EntityManager, caseId: string): Promise<AcceptedReferral> {
    const rows = (await manager.query(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r
        WHERE r.case_id = $1 AND r.status = ANY ($2)
        ORDER BY r.received_at DESC LIMIT 1 FOR UPDATE`,
      [caseId, ACCEPTED_REFERRAL],
    )) as ReferralRow[];
    const [accepted] = rows;
    if (!accepted?.providerId) {
      throw new UnprocessableError('referral.not-accepted', {
        es: 'La remisión de esta persona no está aceptada: acéptela antes de trabajar con ella.',
        en: "This person's referral is not accepted: accept it before working with them.",
      });
    }
    return { ...accepted, providerId: accepted.providerId };
  }

  /** Moves the referral and reports it to the workflow, as one provider. */
  async move(
    manager: EntityManager,
    referral: ReferralRow,
    to: ReportedStatus,
    report: { providerId: string; reasonCode?: string | null },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    // The contracts' one state machine decides, as intake and the path will when they read it.
    const from: ReferralStatus = referral.status === 'received' ? 'sent' : referral.status;
    if (!canMoveReferral(from, to)) {
      throw new ConflictError('referral.illegal-transition', {
        es: `Una remisión en estado "${referral.status}" no puede pasar a "${to}".`,
        en: `A referral in status "${referral.status}" cannot move to "${to}".`,
      });
    }
    await manager.query(
      `UPDATE referrals SET status = $2, reason_code = $3, provider_id = $4, updated_at = $5
        WHERE id = $1`,
      [
        referral.id,
        to,
        report.reasonCode ?? referral.reasonCode,
        ACCEPTED_REFERRAL.includes(to) || to === 'completed' || to === 'not-completed'
          ? report.providerId
          : referral.providerId,
        now,
      ],
    );
    referral.status = to;
    await this.report(manager, referral, to, report, context, now);
    await this.refreshOpen(manager, referral.caseId);
  }

  /** Reports a status of one provider without moving the referral (a decline within a bundle). */
  async report(
    manager: EntityManager,
    referral: Pick<ReferralRow, 'id' | 'caseId'>,
    status: ReportedStatus,
    report: { providerId: string; reasonCode?: string | null },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.events.referralStatus(
      manager,
      {
        referralId: referral.id,
        caseId: referral.caseId,
        providerId: report.providerId,
        status,
        reasonCode: report.reasonCode,
      },
      context,
      now,
    );
  }

  /** First work on an accepted referral (a proposal, a workshop, an approved project). */
  async markInProgress(
    manager: EntityManager,
    referral: ReferralRow,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    if (referral.status !== 'accepted' || !referral.providerId) return;
    await this.move(
      manager,
      referral,
      'in-progress',
      { providerId: referral.providerId },
      context,
      now,
    );
  }

  /** The referral reached its outcome (hired, business operating): completed with that code. */
  async complete(
    manager: EntityManager,
    referralId: string | null,
    outcomeCode: string,
    context: EventContext,
    now = new Date(),
  ): Promise<boolean> {
    if (!referralId) return false;
    const referral = await this.lock(manager, referralId);
    if (!ACCEPTED_REFERRAL.includes(referral.status) || !referral.providerId) return false;
    await this.move(
      manager,
      referral,
      'completed',
      { providerId: referral.providerId, reasonCode: outcomeCode },
      context,
      now,
    );
    return true;
  }

  /** A candidate is open for matching while consent holds and a referral is live. */
  async refreshOpen(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(
      `UPDATE candidates c SET open = NOT c.consent_withdrawn AND EXISTS (
         SELECT 1 FROM referrals r WHERE r.case_id = c.case_id AND r.status = ANY ($2))
        WHERE c.case_id = $1`,
      [caseId, LIVE_REFERRAL],
    );
  }
}
