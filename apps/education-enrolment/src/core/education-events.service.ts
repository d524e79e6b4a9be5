import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  attendanceAtRiskV1,
  type AttendanceAtRiskV1,
  cohortCapacityChangedV1,
  type EnrolmentStatus,
  enrolmentStatusChangedV1,
  type EnrolmentStatusChangedV1,
  type ReferralStatus,
} from '@reintegra/event-contracts';
import {
  type CaseEventPublisher,
  caseEventPublisher,
  type EventContext,
  type EventFacts,
  publishFacts,
  OutboxWriter,
  type ReferralStatusPublisher,
  referralStatusPublisher,
} from '@reintegra/platform-messaging';
import type { LockedCohort } from './cohorts.queries';

/** What a referral reports when its enrolment moves (closed loop, product brief flow 5). */
const REFERRAL_STATUS: Partial<Record<EnrolmentStatus, ReferralStatus>> = {
  enrolled: 'accepted',
  waitlisted: 'no-capacity',
  attending: 'in-progress',
  completed: 'completed',
  dropped: 'not-completed',
};

export interface EnrolmentMove {
  enrolmentId: string;
  caseId: string;
  referralId: string | null;
  from?: EnrolmentStatus;
  status: EnrolmentStatus;
  waitlistPosition?: number | null;
  reasonCode?: string | null;
  /** Revocations are the sender's own act: no status report back. */
  reportToReferral?: boolean;
}

/** Maps enrolment facts to the service's events, written to the outbox in the caller's transaction. */
@Injectable()
export class EducationEvents {
  /** The service's answers to referrals (closed loop). */
  readonly referralStatus: ReferralStatusPublisher;
  private readonly enrolmentStatus: CaseEventPublisher<EnrolmentStatusChangedV1>;
  private readonly attendanceAtRisk: CaseEventPublisher<AttendanceAtRiskV1>;

  constructor(private readonly outbox: OutboxWriter) {
    this.referralStatus = referralStatusPublisher(outbox, 'education');
    this.enrolmentStatus = caseEventPublisher(outbox, enrolmentStatusChangedV1);
    this.attendanceAtRisk = caseEventPublisher(outbox, attendanceAtRiskV1);
  }

  async capacityChanged(
    manager: EntityManager,
    cohort: LockedCohort,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    const [{ n }] = (await manager.query(
      `SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 AND status = 'waitlisted'`,
      [cohort.id],
    )) as [{ n: number }];
    await publishFacts(
      this.outbox,
      manager,
      cohortCapacityChangedV1,
      cohort.id,
      {
        cohortId: cohort.id,
        programmeId: cohort.programmeId,
        providerId: cohort.providerId,
        level: cohort.level,
        modality: cohort.modality,
        schoolReEntry: cohort.schoolReEntry,
        municipalityCode: cohort.municipalityCode,
        open: cohort.open,
        seats: cohort.seats,
        seatsTaken: cohort.seatsTaken,
        seatsAvailable: cohort.seats - cohort.seatsTaken,
        waitlistLength: n,
        startsOn: cohort.startsOn,
        endsOn: cohort.endsOn,
      },
      context,
      now,
    );
  }

  async enrolmentMoved(
    manager: EntityManager,
    cohort: LockedCohort,
    move: EnrolmentMove,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.enrolmentStatus(
      manager,
      {
        enrolmentId: move.enrolmentId,
        caseId: move.caseId,
        cohortId: cohort.id,
        providerId: cohort.providerId,
        referralId: move.referralId,
        from: move.from,
        status: move.status,
        waitlistPosition: move.waitlistPosition ? Number(move.waitlistPosition) : null,
        reasonCode: move.reasonCode,
      },
      context,
      now,
    );
    const referralStatus = REFERRAL_STATUS[move.status];
    if (move.referralId && referralStatus && move.reportToReferral !== false) {
      await this.referralStatus(
        manager,
        {
          referralId: move.referralId,
          caseId: move.caseId,
          providerId: cohort.providerId,
          status: referralStatus,
          reasonCode: move.reasonCode ?? undefined,
        },
        context,
        now,
      );
      if (referralStatus === 'accepted' || referralStatus === 'no-capacity') {
        await manager.query(
          `UPDATE referrals SET status = $2, provider_id = $3, enrolment_id = $4, updated_at = $5
            WHERE id = $1`,
          [move.referralId, referralStatus, cohort.providerId, move.enrolmentId, now],
        );
      }
    }
  }

  atRisk(
    manager: EntityManager,
    cohort: LockedCohort,
    risk: Omit<EventFacts<AttendanceAtRiskV1>, 'cohortId' | 'providerId'>,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    const facts = { ...risk, cohortId: cohort.id, providerId: cohort.providerId };
    return this.attendanceAtRisk(manager, facts, context, now);
  }
}
