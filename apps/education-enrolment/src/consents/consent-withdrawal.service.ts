import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ConsentWithdrawnV1, referralServiceOfConsent } from '@reintegra/event-contracts';
import type { EventContext } from '@reintegra/platform-messaging';
import { EnrolmentService } from '../enrolment/enrolment.service';

export const CONSENT_WITHDRAWN = 'consent-withdrawn';

/**
 * The person withdrew consent to be referred to education. In the event's inbox transaction:
 *
 * - open referrals of the case (waiting for a profile, accepted, waitlisted) become `withdrawn`;
 *   the orchestrator closes the same referrals as `withdrawn` on the path, so no status report
 *   goes back from here (it would race the path's own withdrawal);
 * - live enrolments are dropped (`consent-withdrawn`): the seat or waitlist place goes to the next;
 * - the learner's personal data is erased: birth date, last grade, documents held, guardian's
 *   name, relationship and phone.
 *
 * Kept, by the pseudonymous case id only: referrals, enrolments and attendance. The provider must
 * account for every seat it gave (the cohort's seat count and waitlist are audited against these
 * rows) and keep its register of who attended which session; the referral loop's history is the
 * audit of what was done for the person. None of them holds a name, a date of birth or a contact.
 */
@Injectable()
export class ConsentWithdrawal {
  private readonly logger = new Logger(ConsentWithdrawal.name);

  constructor(private readonly enrolments: EnrolmentService) {}

  async withdrawn(
    manager: EntityManager,
    data: ConsentWithdrawnV1,
    context: EventContext,
  ): Promise<void> {
    if (referralServiceOfConsent(data) !== 'education') return;
    const { caseId } = data;
    // The same lock as a learner profile write: no profile is recorded half-way through this.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`learner:${caseId}`]);
    await manager.query(
      `INSERT INTO consent_withdrawals (consent_id, case_id, withdrawn_at) VALUES ($1, $2, $3)
       ON CONFLICT (consent_id) DO NOTHING`,
      [data.consentId, caseId, data.withdrawnAt],
    );
    // Enrolments first: cohort, then referral rows, the lock order routing uses too.
    const live = (await manager.query(
      `SELECT id FROM enrolments
        WHERE case_id = $1 AND status IN ('pending', 'waitlisted', 'enrolled', 'attending')
        ORDER BY requested_at`,
      [caseId],
    )) as { id: string }[];
    for (const enrolment of live) {
      await this.enrolments.dropIn(manager, enrolment.id, CONSENT_WITHDRAWN, undefined, context, {
        reportToReferral: false,
      });
    }
    const [referrals] = (await manager.query(
      `UPDATE referrals SET status = 'withdrawn', reason_code = $2, updated_at = now()
        WHERE case_id = $1 AND status IN ('received', 'accepted', 'no-capacity')
       RETURNING id`,
      [caseId, CONSENT_WITHDRAWN],
    )) as [unknown[], number];
    await eraseLearner(manager, caseId);
    this.logger.log({
      msg: 'education consent withdrawn',
      referralsWithdrawn: referrals.length,
      enrolmentsDropped: live.length,
    });
  }
}

/** Erases what the learner profile held about the person; the row keeps the case id and when. */
async function eraseLearner(manager: EntityManager, caseId: string): Promise<void> {
  await manager.query(
    `UPDATE learners
        SET date_of_birth = NULL, last_grade_completed = NULL, documents = '{}',
            guardian_name = NULL, guardian_relationship = NULL, guardian_phone = NULL,
            erased_at = now(), updated_at = now()
      WHERE case_id = $1 AND erased_at IS NULL`,
    [caseId],
  );
}
