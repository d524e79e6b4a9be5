import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  attendanceAtRiskV1,
  cohortCapacityChangedV1,
  type EnrolmentStatus,
  enrolmentStatusChangedV1,
  type ReferralStatus,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { type EventContext, OutboxWriter } from '@reintegra/platform-messaging';
import type { LockedCohort } from './cohorts.queries';

/** What a person's request causes is theirs: `user:<subject>`, under the request's correlation id. */
export const requestContext = (actor: Actor, correlationId: string): EventContext => ({
  actor: actorReference(actor),
  correlationId,
});

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
  constructor(private readonly outbox: OutboxWriter) {}

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
    await this.outbox.publish(
      manager,
      cohortCapacityChangedV1,
      {
        subject: cohort.id,
        time: now,
        data: {
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
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async enrolmentMoved(
    manager: EntityManager,
    cohort: LockedCohort,
    move: EnrolmentMove,
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      enrolmentStatusChangedV1,
      {
        subject: move.caseId,
        time: now,
        data: {
          enrolmentId: move.enrolmentId,
          caseId: move.caseId,
          cohortId: cohort.id,
          providerId: cohort.providerId,
          ...(move.referralId ? { referralId: move.referralId } : {}),
          ...(move.from ? { from: move.from } : {}),
          status: move.status,
          ...(move.waitlistPosition ? { waitlistPosition: Number(move.waitlistPosition) } : {}),
          ...(move.reasonCode ? { reasonCode: move.reasonCode } : {}),
          occurredAt: now.toISOString(),
        },
      },
      context,
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

  async referralStatus(
    manager: EntityManager,
    report: {
      referralId: string;
      caseId: string;
      providerId: string;
      status: ReferralStatus;
      reasonCode?: string;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      referralStatusChangedV1,
      {
        subject: report.caseId,
        time: now,
        data: {
          referralId: report.referralId,
          caseId: report.caseId,
          service: 'education',
          providerId: report.providerId,
          status: report.status,
          ...(report.reasonCode ? { reasonCode: report.reasonCode } : {}),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async atRisk(
    manager: EntityManager,
    cohort: LockedCohort,
    risk: {
      enrolmentId: string;
      caseId: string;
      referralId: string | null;
      consecutiveAbsences: number;
      threshold: number;
      lastSessionOn: string;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      attendanceAtRiskV1,
      {
        subject: risk.caseId,
        time: now,
        data: {
          enrolmentId: risk.enrolmentId,
          caseId: risk.caseId,
          cohortId: cohort.id,
          providerId: cohort.providerId,
          ...(risk.referralId ? { referralId: risk.referralId } : {}),
          consecutiveAbsences: risk.consecutiveAbsences,
          threshold: risk.threshold,
          lastSessionOn: risk.lastSessionOn,
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }
}
