import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { planApprovedV1, planSubmittedV1 } from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, DomainError, NotFoundError } from '@reintegra/platform-errors';
import { assertIfMatch } from '@reintegra/platform-http';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { IntakeAudit, type IntakeAuditEntry } from '../core/intake-audit.service';
import { CaseAccess } from '../core/case-access.service';
import { CaseLifecycleService } from '../core/case-lifecycle.service';
import { ReferralsService, referralView, type ReferralView } from '../referrals/referrals.service';
import type { ReturnEpisode } from '../core/returnee.entities';
import { CasePlan, type ReferralOutcome } from './case-plan.entity';
import {
  allowedNextPlanStatuses,
  canMovePlan,
  goalDimensions,
  PLANNING_CASE_STATUSES,
  type PlanStatus,
} from './plan-rules';
import type { PlanContent } from './plan.requests';

export function planView(plan: CasePlan) {
  return {
    id: plan.id,
    caseId: plan.caseId,
    status: plan.status,
    version: plan.version,
    goals: plan.goals,
    goalDimensions: goalDimensions(plan.goals),
    proposedReferrals: plan.proposedReferrals,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    lastRejection: plan.rejectedAt
      ? { reasonCode: plan.rejectionReason, rejectedAt: plan.rejectedAt.toISOString() }
      : null,
    referralOutcomes: plan.referralOutcomes,
  };
}
export type PlanView = ReturnType<typeof planView>;

export interface PlanApproval {
  plan: PlanView;
  case: { caseId: string; status: ReturnEpisode['status']; version: number };
  /** Proposed referrals opened now, and those that wait for the person's consent. */
  referrals: { opened: ReferralView[]; blocked: ReferralOutcome[] };
}

const planNotFound = () =>
  new NotFoundError('plan.not-found', {
    es: 'El expediente aún no tiene plan de reintegración.',
    en: 'The case has no reintegration plan yet.',
  });

const planExists = (caseId: string) =>
  new ConflictError(
    'plan.exists',
    {
      es: 'El expediente ya tiene un plan: modifíquelo con PUT e If-Match.',
      en: 'The case already has a plan: change it with PUT and If-Match.',
    },
    `/cases/${caseId}/plan`,
  );

const illegalPlanTransition = (from: PlanStatus, to: PlanStatus) => {
  const allowed = allowedNextPlanStatuses(from);
  return new ConflictError(
    'plan.illegal-transition',
    {
      es: `Un plan en estado "${from}" no puede pasar a "${to}" (permitido: ${allowed.join(', ') || '—'}).`,
      en: `A plan in status "${from}" cannot move to "${to}" (allowed: ${allowed.join(', ') || '—'}).`,
    },
    undefined,
    { currentStatus: from, allowed },
  );
};

const notDraft = (status: PlanStatus) =>
  new ConflictError(
    'plan.not-draft',
    {
      es: `Solo un plan en borrador puede modificarse; este está "${status}".`,
      en: `Only a draft plan can be changed; this one is "${status}".`,
    },
    undefined,
    { currentStatus: status },
  );

function assertPlanning(episode: ReturnEpisode): void {
  if (!PLANNING_CASE_STATUSES.includes(episode.status)) {
    throw new ConflictError(
      'plan.case-not-planning',
      {
        es: `El plan se prepara antes de aprobarse: el expediente está "${episode.status}" (permitido: ${PLANNING_CASE_STATUSES.join(', ')}).`,
        en: `A plan is prepared before approval: the case is "${episode.status}" (allowed: ${PLANNING_CASE_STATUSES.join(', ')}).`,
      },
      undefined,
      { caseStatus: episode.status, allowed: PLANNING_CASE_STATUSES },
    );
  }
}

/**
 * The reintegration plan of a case (product brief flow 4): the officer drafts, changes (with
 * If-Match) and submits it; a supervisor approves — the case becomes plan-approved and the
 * proposed referrals are opened through ReferralsService, consent permitting — or sends it back.
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
    private readonly lifecycle: CaseLifecycleService,
    private readonly referrals: ReferralsService,
    private readonly audit: IntakeAudit,
  ) {}

  async create(caseId: string, content: PlanContent, actor: Actor): Promise<PlanView> {
    try {
      return await this.cases.inCase(caseId, actor, async (manager, episode) => {
        const existing = await manager.findOne(CasePlan, { where: { caseId }, select: ['id'] });
        if (existing) throw planExists(caseId);
        assertPlanning(episode);
        const now = new Date();
        const plan = manager.create(CasePlan, {
          id: randomUUID(),
          caseId,
          status: 'draft',
          goals: content.goals,
          proposedReferrals: content.proposedReferrals,
          version: 1,
          createdAt: now,
          createdBy: actorReference(actor),
          updatedAt: now,
          submittedAt: null,
          submittedBy: null,
          approvedAt: null,
          approvedBy: null,
          rejectedAt: null,
          rejectedBy: null,
          rejectionReason: null,
          referralOutcomes: null,
        });
        await manager.insert(CasePlan, plan);
        return planView(plan);
      });
    } catch (error) {
      // Two officers drafting at once: the unique case id decides, the other gets 409.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'case_plans_case_id_key'
      ) {
        throw planExists(caseId);
      }
      throw error;
    }
  }

  get(caseId: string, actor: Actor): Promise<PlanView> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const plan = await manager.findOne(CasePlan, { where: { caseId } });
      if (!plan) throw planNotFound();
      return planView(plan);
    });
  }

  /** Replaces the draft's content; If-Match must name the version the officer read. */
  replace(
    caseId: string,
    content: PlanContent,
    ifMatch: string | undefined,
    actor: Actor,
  ): Promise<PlanView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      const plan = await this.lockPlan(manager, caseId);
      assertIfMatch(ifMatch, plan.version);
      if (plan.status !== 'draft') throw notDraft(plan.status);
      assertPlanning(episode);
      return planView(
        await this.change(manager, plan, {
          goals: content.goals,
          proposedReferrals: content.proposedReferrals,
        }),
      );
    });
  }

  submit(caseId: string, actor: Actor, correlationId: string): Promise<PlanView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      const plan = await this.lockPlan(manager, caseId);
      if (!canMovePlan(plan.status, 'submitted')) {
        throw illegalPlanTransition(plan.status, 'submitted');
      }
      assertPlanning(episode);
      const now = new Date();
      const by = actorReference(actor);
      await this.change(
        manager,
        plan,
        { status: 'submitted', submittedAt: now, submittedBy: by },
        now,
      );
      await this.outbox.publish(
        manager,
        planSubmittedV1,
        {
          subject: caseId,
          time: now,
          data: {
            caseId,
            planId: plan.id,
            planVersion: plan.version,
            goalDimensions: goalDimensions(plan.goals),
            proposedReferrals: plan.proposedReferrals.length,
            submittedBy: by,
            submittedAt: now.toISOString(),
          },
        },
        { actor: by, correlationId },
      );
      return planView(plan);
    });
  }

  /**
   * Approves the submitted plan the supervisor read (If-Match), only from case status `assessed`.
   * Everything happens in one transaction: case status, plan, events, audit and the referrals
   * that have consent. A referral without consent is reported back, not failed: the officer
   * records the consent with the person and sends it later.
   */
  approve(
    caseId: string,
    ifMatch: string | undefined,
    actor: Actor,
    correlationId: string,
    approvedAt?: Date,
  ): Promise<PlanApproval> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const plan = await this.lockPlan(manager, caseId);
      assertIfMatch(ifMatch, plan.version);
      if (!canMovePlan(plan.status, 'approved')) {
        throw illegalPlanTransition(plan.status, 'approved');
      }
      const now = new Date();
      // The business date (an approval recorded later): the event and the plan carry it, so the
      // path's follow-ups are due from it; the record itself is dated now.
      const approvedOn = approvedAt ?? now;
      const by = actorReference(actor);
      const approvedCase = await this.lifecycle.transition(manager, caseId, 'plan-approved', {
        actor: by,
        correlationId,
        at: now,
      });
      await this.outbox.publish(
        manager,
        planApprovedV1,
        {
          subject: caseId,
          time: now,
          data: {
            caseId,
            planId: plan.id,
            planVersion: plan.version + 1,
            goalDimensions: goalDimensions(plan.goals),
            proposedReferrals: plan.proposedReferrals.length,
            approvedBy: by,
            ...(plan.submittedBy ? { assignedOfficer: plan.submittedBy } : {}),
            approvedAt: approvedOn.toISOString(),
          },
        },
        { actor: by, correlationId },
      );
      const opened: ReferralView[] = [];
      const outcomes: ReferralOutcome[] = [];
      for (const proposed of plan.proposedReferrals) {
        try {
          const referral = await this.referrals.open(
            manager,
            caseId,
            proposed,
            actor,
            correlationId,
          );
          opened.push(referralView(referral));
          outcomes.push({
            service: proposed.service,
            priority: proposed.priority,
            opened: true,
            referralId: referral.id,
          });
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'referral.consent-missing') {
            throw error;
          }
          outcomes.push({
            service: proposed.service,
            priority: proposed.priority,
            opened: false,
            problem: error.code,
          });
        }
      }
      await this.decide(
        manager,
        plan,
        { status: 'approved', approvedAt: approvedOn, approvedBy: by, referralOutcomes: outcomes },
        {
          action: 'plan.approved',
          actor: by,
          caseId,
          // An approval recorded with an earlier date is marked so, never silently back-dated.
          ...(approvedAt ? { reasonCode: 'recorded-with-earlier-date' } : {}),
          returneeId: approvedCase.returneeId,
          correlationId,
        },
        now,
      );
      return {
        plan: planView(plan),
        case: { caseId, status: approvedCase.status, version: approvedCase.version },
        referrals: { opened, blocked: outcomes.filter((outcome) => !outcome.opened) },
      };
    });
  }

  /** Sends the submitted plan back to draft, with a reason code (audited). */
  reject(
    caseId: string,
    reasonCode: string,
    actor: Actor,
    correlationId: string,
  ): Promise<PlanView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      const plan = await this.lockPlan(manager, caseId);
      if (!canMovePlan(plan.status, 'draft')) throw illegalPlanTransition(plan.status, 'draft');
      const now = new Date();
      const by = actorReference(actor);
      await this.decide(
        manager,
        plan,
        { status: 'draft', rejectedAt: now, rejectedBy: by, rejectionReason: reasonCode },
        {
          action: 'plan.rejected',
          actor: by,
          caseId,
          returneeId: episode.returneeId,
          reasonCode,
          correlationId,
        },
        now,
      );
      return planView(plan);
    });
  }

  /** Saves a change of the plan (locked by the caller) as a new version: a new ETag. */
  private async change(
    manager: EntityManager,
    plan: CasePlan,
    changes: Partial<CasePlan>,
    at = new Date(),
  ): Promise<CasePlan> {
    const saved = { ...changes, version: plan.version + 1, updatedAt: at };
    await manager.update(CasePlan, { id: plan.id }, saved);
    return Object.assign(plan, saved);
  }

  /** A supervisor's decision on the plan: the change and its audit row, at the same instant. */
  private async decide(
    manager: EntityManager,
    plan: CasePlan,
    changes: Partial<CasePlan>,
    entry: Omit<IntakeAuditEntry, 'relatedId' | 'at'>,
    at: Date,
  ): Promise<void> {
    await this.change(manager, plan, changes, at);
    await this.audit.record(manager, { ...entry, relatedId: plan.id, at });
  }

  private async lockPlan(manager: EntityManager, caseId: string): Promise<CasePlan> {
    const plan = await manager.findOne(CasePlan, {
      where: { caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!plan) throw planNotFound();
    return plan;
  }
}
