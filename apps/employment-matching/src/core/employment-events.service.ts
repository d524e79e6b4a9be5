import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type PlacementStatus,
  placementStatusChangedV1,
  type ProjectStatus,
  projectStatusChangedV1,
  type ReferralStatus,
  referralStatusChangedV1,
  retentionCheckedV1,
  type TrainingStatus,
  trainingStatusChangedV1,
  vacancyCapacityChangedV1,
} from '@reintegra/event-contracts';
import { type EventContext, OutboxWriter } from '@reintegra/platform-messaging';

const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Writes the service's events into the outbox, in the caller's transaction: ids, codes and dates
 * only (the contracts refuse anything else).
 */
@Injectable()
export class EmploymentEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  /** What the reintegration workflow hears about a referral (through the orchestrator bridge). */
  async referralStatus(
    manager: EntityManager,
    report: {
      referralId: string;
      caseId: string;
      providerId: string;
      status: ReferralStatus;
      reasonCode?: string | null;
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
          service: 'employment',
          providerId: report.providerId,
          status: report.status,
          ...optional('reasonCode', report.reasonCode),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async placementMoved(
    manager: EntityManager,
    move: {
      placementId: string;
      caseId: string;
      vacancyId: string;
      employerId: string;
      providerId: string;
      referralId: string | null;
      iscoCode: string;
      from?: PlacementStatus;
      status: PlacementStatus;
      reasonCode?: string | null;
      startsOn?: string | null;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      placementStatusChangedV1,
      {
        subject: move.caseId,
        time: now,
        data: {
          placementId: move.placementId,
          caseId: move.caseId,
          vacancyId: move.vacancyId,
          employerId: move.employerId,
          providerId: move.providerId,
          ...optional('referralId', move.referralId),
          iscoCode: move.iscoCode,
          ...optional('from', move.from),
          status: move.status,
          ...optional('reasonCode', move.reasonCode),
          ...optional('startsOn', move.startsOn),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async retentionChecked(
    manager: EntityManager,
    check: {
      placementId: string;
      caseId: string;
      vacancyId: string;
      employerId: string;
      referralId: string | null;
      checkpointDays: 30 | 90;
      employed: boolean;
      reasonCode?: string | null;
      checkedOn: string;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      retentionCheckedV1,
      {
        subject: check.caseId,
        time: now,
        data: {
          placementId: check.placementId,
          caseId: check.caseId,
          vacancyId: check.vacancyId,
          employerId: check.employerId,
          ...optional('referralId', check.referralId),
          checkpointDays: check.checkpointDays,
          employed: check.employed,
          ...optional('reasonCode', check.reasonCode),
          checkedOn: check.checkedOn,
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async vacancyCapacity(
    manager: EntityManager,
    vacancy: {
      id: string;
      employerId: string;
      iscoCode: string;
      municipalityCode: string;
      open: boolean;
      posts: number;
      postsFilled: number;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      vacancyCapacityChangedV1,
      {
        subject: vacancy.id,
        time: now,
        data: {
          vacancyId: vacancy.id,
          employerId: vacancy.employerId,
          iscoCode: vacancy.iscoCode,
          municipalityCode: vacancy.municipalityCode,
          open: vacancy.open,
          posts: vacancy.posts,
          postsFilled: vacancy.postsFilled,
          postsAvailable: vacancy.posts - vacancy.postsFilled,
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async trainingMoved(
    manager: EntityManager,
    move: {
      enrolmentId: string;
      caseId: string;
      workshopId: string;
      providerId: string;
      tradeIscoCode: string;
      referralId: string | null;
      from?: TrainingStatus;
      status: TrainingStatus;
      certificationCode?: string | null;
      reasonCode?: string | null;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      trainingStatusChangedV1,
      {
        subject: move.caseId,
        time: now,
        data: {
          enrolmentId: move.enrolmentId,
          caseId: move.caseId,
          workshopId: move.workshopId,
          providerId: move.providerId,
          tradeIscoCode: move.tradeIscoCode,
          ...optional('referralId', move.referralId),
          ...optional('from', move.from),
          status: move.status,
          ...optional('certificationCode', move.certificationCode),
          ...optional('reasonCode', move.reasonCode),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }

  async projectMoved(
    manager: EntityManager,
    move: {
      projectId: string;
      caseId: string;
      providerId: string;
      referralId: string | null;
      sectorIscoCode: string | null;
      municipalityCode: string;
      from?: ProjectStatus;
      status: ProjectStatus;
      reasonCode?: string | null;
    },
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    await this.outbox.publish(
      manager,
      projectStatusChangedV1,
      {
        subject: move.caseId,
        time: now,
        data: {
          projectId: move.projectId,
          caseId: move.caseId,
          providerId: move.providerId,
          ...optional('referralId', move.referralId),
          ...optional('sectorIscoCode', move.sectorIscoCode),
          municipalityCode: move.municipalityCode,
          ...optional('from', move.from),
          status: move.status,
          ...optional('reasonCode', move.reasonCode),
          occurredAt: now.toISOString(),
        },
      },
      context,
    );
  }
}
