import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  ReferralRequestedV1,
  ReferralRevokedV1,
  ReferralRoutedV1,
} from '@reintegra/event-contracts';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { DomainError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { COHORT_COLUMNS, type LockedCohort, today } from '../core/cohorts.queries';
import { EducationEvents } from '../core/education-events.service';
import { isNational } from '../core/scope';
import { isMinorOn } from '../domain/age';
import { rankCohorts } from '../domain/routing';
import { eligibilityFor, EnrolmentService, findLearner } from '../enrolment/enrolment.service';

interface ReferralRow {
  id: string;
  caseId: string;
  providerIds: string[];
  status: string;
}

export type RoutingOutcome =
  | { status: 'accepted' | 'no-capacity'; enrolmentId: string; cohortId: string }
  | { status: 'declined'; reasonCode: string }
  | { status: 'waiting-for-learner-profile' };

/**
 * Education referrals: accept (enrolled in a cohort), no capacity (waitlisted in the best full
 * cohort) or decline with a reason code. A referral whose person has no learner profile yet waits
 * until the caseworker records it (PUT /learners/:caseId), then is routed in that transaction.
 */
@Injectable()
export class ReferralRouter {
  private readonly logger = new Logger(ReferralRouter.name);

  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly events: EducationEvents,
  ) {}

  async requested(
    manager: EntityManager,
    data: ReferralRequestedV1,
    context: EventContext,
  ): Promise<RoutingOutcome | undefined> {
    if (data.service !== 'education') return undefined;
    const inserted = (await manager.query(
      `INSERT INTO referrals (id, case_id, provider_ids, priority, status)
       VALUES ($1, $2, $3, $4, 'received') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [data.referralId, data.caseId, data.providerIds, data.priority],
    )) as unknown[];
    if (inserted.length === 0) return undefined; // the same referral sent again: already handled
    // Its consent was withdrawn before the referral reached us (topics are not ordered together).
    const [withdrawn] = (await manager.query(
      `UPDATE referrals SET status = 'withdrawn', reason_code = 'consent-withdrawn'
        WHERE id = $1 AND EXISTS (SELECT 1 FROM consent_withdrawals WHERE consent_id = $2)
       RETURNING id`,
      [data.referralId, data.consentId],
    )) as [unknown[], number];
    if (withdrawn.length > 0) return undefined;
    const outcome = await this.route(
      manager,
      {
        id: data.referralId,
        caseId: data.caseId,
        providerIds: data.providerIds,
        status: 'received',
      },
      context,
    );
    this.logger.log({
      msg: 'education referral received',
      referralId: data.referralId,
      outcome: outcome.status,
    });
    return outcome;
  }

  async routeWaitingForCase(
    manager: EntityManager,
    caseId: string,
    context: EventContext,
  ): Promise<number> {
    const waiting = (await manager.query(
      `SELECT id, case_id AS "caseId", provider_ids AS "providerIds", status
         FROM referrals WHERE case_id = $1 AND status = 'received'
        ORDER BY received_at FOR UPDATE`,
      [caseId],
    )) as ReferralRow[];
    for (const referral of waiting) await this.route(manager, referral, context);
    return waiting.length;
  }

  private async route(
    manager: EntityManager,
    referral: ReferralRow,
    context: EventContext,
  ): Promise<RoutingOutcome> {
    const learner = await findLearner(manager, referral.caseId);
    if (!learner) return { status: 'waiting-for-learner-profile' };
    const cohorts = (await manager.query(
      `SELECT ${COHORT_COLUMNS}
         FROM cohorts c JOIN programmes p ON p.id = c.programme_id
        WHERE c.provider_id = ANY ($1) AND c.open AND c.ends_on >= $2::date`,
      [referral.providerIds, today()],
    )) as LockedCohort[];
    const reasons = new Set<string>();
    const eligible = cohorts.filter((cohort) => {
      const result = eligibilityFor(learner, cohort);
      if (!result.eligible) result.reasons.forEach((reason) => reasons.add(reason.code));
      return result.eligible;
    });
    const minor = isMinorOn(learner.dateOfBirth, today());
    const ranked = rankCohorts(
      eligible.map((c) => ({
        ...c,
        cohortId: c.id,
        seatsAvailable: c.seats - c.seatsTaken,
      })),
      referral.providerIds,
      minor,
    );
    for (const candidate of ranked) {
      try {
        // The seat count read above may be stale; requestIn re-reads it under the cohort lock
        // and waitlists if the last seat went meanwhile.
        const outcome = await this.enrolments.requestIn(
          manager,
          { cohortId: candidate.id, caseId: referral.caseId, referralId: referral.id },
          undefined,
          context,
        );
        return {
          status: outcome.status === 'enrolled' ? 'accepted' : 'no-capacity',
          enrolmentId: outcome.enrolmentId,
          cohortId: candidate.id,
        };
      } catch (error) {
        // e.g. already enrolled there: try the next cohort.
        if (!(error instanceof DomainError)) throw error;
        reasons.add(error.code.replace(/^.*\./, ''));
      }
    }
    const reasonCode =
      cohorts.length === 0
        ? 'no-open-cohort'
        : reasons.has('guardian-required')
          ? 'guardian-required'
          : reasons.has('duplicate')
            ? 'duplicate'
            : 'not-eligible';
    await manager.query(
      `UPDATE referrals SET status = 'declined', reason_code = $2, updated_at = now() WHERE id = $1`,
      [referral.id, reasonCode],
    );
    // Every provider asked answers: none of them has a place for the person.
    for (const providerId of referral.providerIds) {
      await this.events.referralStatus(
        manager,
        {
          referralId: referral.id,
          caseId: referral.caseId,
          providerId,
          status: 'declined',
          reasonCode,
        },
        context,
      );
    }
    return { status: 'declined', reasonCode };
  }

  /** The sender took the referral back: a live enrolment it created is dropped, silently. */
  async revoked(manager: EntityManager, data: ReferralRevokedV1, context: EventContext) {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows] = (await manager.query(
      `UPDATE referrals SET status = 'revoked', updated_at = now() WHERE id = $1
       RETURNING enrolment_id AS "enrolmentId"`,
      [data.referralId],
    )) as [{ enrolmentId: string | null }[], number];
    await this.dropLinked(manager, rows[0]?.enrolmentId ?? null, 'referral-revoked', context);
  }

  /**
   * The orchestrator withdrew the referral from one provider (another accepted it first, or it
   * re-routes after no capacity): that provider's waitlist entry or seat is given up, silently.
   */
  async routed(manager: EntityManager, data: ReferralRoutedV1, context: EventContext) {
    if (data.service !== 'education' || data.action !== 'withdrawn') return;
    const [placed] = (await manager.query(
      `UPDATE referrals SET status = 'withdrawn', reason_code = $3, updated_at = now()
        WHERE id = $1 AND provider_id = $2 AND status IN ('accepted', 'no-capacity')
       RETURNING enrolment_id AS "enrolmentId"`,
      [data.referralId, data.providerId, data.reasonCode ?? 'withdrawn'],
    )) as [{ enrolmentId: string | null }[], number];
    if (placed.length > 0) {
      await this.dropLinked(manager, placed[0]?.enrolmentId ?? null, 'referral-withdrawn', context);
      return;
    }
    // Still waiting for a learner profile: that provider is no longer a candidate.
    await manager.query(
      `UPDATE referrals
          SET provider_ids = array_remove(provider_ids, $2),
              status = CASE WHEN provider_ids = ARRAY[$2]::text[] THEN 'withdrawn' ELSE status END,
              updated_at = now()
        WHERE id = $1 AND status = 'received'`,
      [data.referralId, data.providerId],
    );
  }

  private async dropLinked(
    manager: EntityManager,
    enrolmentId: string | null,
    reasonCode: string,
    context: EventContext,
  ): Promise<void> {
    if (!enrolmentId) return;
    const live = (await manager.query(
      `SELECT 1 FROM enrolments
        WHERE id = $1 AND status IN ('pending', 'waitlisted', 'enrolled', 'attending')`,
      [enrolmentId],
    )) as unknown[];
    if (live.length === 0) return;
    await this.enrolments.dropIn(manager, enrolmentId, reasonCode, undefined, context, {
      reportToReferral: false,
    });
  }

  /** The referral queue: provider staff see referrals naming their provider; national roles all. */
  async list(manager: EntityManager, actor: Actor) {
    const params: unknown[] = [];
    let where = 'false';
    if (isNational(actor)) where = 'true';
    else if (hasAnyRole(actor, ['education-caseworker']) && actor.organisationId) {
      params.push(actor.organisationId);
      where = '$1 = ANY (provider_ids)';
    }
    return manager.query(
      `SELECT id, case_id AS "caseId", provider_ids AS "providerIds", priority, status,
              provider_id AS "providerId", enrolment_id AS "enrolmentId", reason_code AS "reasonCode",
              received_at AS "receivedAt"
         FROM referrals WHERE ${where} ORDER BY received_at DESC LIMIT 500`,
      params,
    );
  }
}
