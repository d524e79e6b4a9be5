import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  attendanceAtRiskV1,
  cohortCapacityChangedV1,
  createEvent,
  type EnrolmentStatus,
  enrolmentStatusChangedV1,
  type EventDefinition,
  type ReferralStatus,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import { OutboxWriter } from '@reintegra/platform-messaging';
import type { z } from 'zod';
import type { LockedCohort } from './cohort-rows';

export const SOURCE = '/reintegra/education-enrolment';

/** Who asked, for the envelope: `user:<subject>` or `system:education-enrolment`. */
export interface EventContext {
  actor: string;
  correlationId: string;
  causationId?: string;
}

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

/** Writes the service's events into the outbox, in the caller's transaction. */
@Injectable()
export class EducationEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  private async add<S extends z.ZodType>(
    manager: EntityManager,
    definition: EventDefinition<S>,
    subject: string,
    context: EventContext,
    data: z.input<S>,
    now: Date,
  ): Promise<void> {
    const event = createEvent(definition, {
      subject,
      source: SOURCE,
      actor: context.actor,
      correlationId: context.correlationId,
      ...(context.causationId ? { causationId: context.causationId } : {}),
      time: now,
      data,
    });
    await this.outbox.add(manager, definition, event);
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
    await this.add(
      manager,
      cohortCapacityChangedV1,
      cohort.id,
      context,
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
        occurredAt: now.toISOString(),
      },
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
    await this.add(
      manager,
      enrolmentStatusChangedV1,
      move.caseId,
      context,
      {
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
    await this.add(
      manager,
      referralStatusChangedV1,
      report.caseId,
      context,
      {
        referralId: report.referralId,
        caseId: report.caseId,
        service: 'education',
        providerId: report.providerId,
        status: report.status,
        ...(report.reasonCode ? { reasonCode: report.reasonCode } : {}),
        occurredAt: now.toISOString(),
      },
      now,
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
    await this.add(
      manager,
      attendanceAtRiskV1,
      risk.caseId,
      context,
      {
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
      now,
    );
  }
}
