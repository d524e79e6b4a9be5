import {
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  caseEventSignalSchema,
  DEFAULT_PATH_CONFIG,
  REFERRAL_WORKFLOW_TYPE,
  referralWorkflowId,
  type ApproveClosure,
  type CaseEventSignal,
  type ClosureReason,
  type HistorySummary,
  type NextFollowUp,
  type OpenReferral,
  type PathConfig,
  type PathEvent,
  type PathSnapshot,
  type PathState,
  type PausePath,
  type ReassignOfficer,
  type ReferralProgress,
  type ReintegrationPathInput,
  type RequestReferral,
  type TransferMunicipality,
} from '@reintegra/workflow-contracts';
import { type PathEventPublication } from './path-activities.types';
import type { PathView } from './reintegration-path.validators';
import {
  appendHistory,
  countByEventType,
  droppedDimensions,
  initialPathData,
  isOpen,
  nextFollowUpDueMs,
  nextPhase,
  notAfter,
  remember,
  SERVICE_FOR_DIMENSION,
  type PathData,
  type PhaseTrigger,
} from './path-model';
import type { referralWorkflow } from './referral.workflow';

const HISTORY_CAP = 100;
const SEEN_IDS_CAP = 2_000;
const TERMINAL_REFERRAL = ['completed', 'not-completed', 'revoked', 'withdrawn'];
/** Marks paths whose follow-ups run from the plan's approval date carried in the event. */
export const FOLLOW_UPS_FROM_APPROVAL_PATCH = 'follow-ups-from-approval-date';
/** Marks paths that moved to another municipality's office (their Municipality attribute moves). */
export const MUNICIPALITY_TRANSFER_PATCH = 'municipality-transfer';

/**
 * One path's state and what each signal, update and query does to it (the workflow function only
 * registers these methods and runs the main loop). Workflow code: deterministic, no I/O except
 * through Temporal's APIs. Update handlers run only after their validator accepted the input.
 */
export class ReintegrationPathState {
  readonly config: PathConfig;
  /** Path events waiting for the publishing activity, in order. */
  readonly pending: PathEventPublication[] = [];
  /** Bumped on every change: the main loop wakes up on it. */
  version = 0;
  /** What continue-as-new carries (see snapshot()). */
  private readonly s: PathData;
  /** Seen event ids, for quick look-up (s.seenEventIds keeps the capped list). */
  private readonly seen: Set<string>;
  /** The office that has the case; a transfer changes it (continue-as-new carries it as input). */
  municipalityCode: string;

  constructor(private readonly input: ReintegrationPathInput) {
    this.config = { ...DEFAULT_PATH_CONFIG, ...input.config };
    this.municipalityCode = input.municipalityCode;
    this.s = initialPathData(input);
    this.seen = new Set(this.s.seenEventIds);
  }

  // ---- Queries ----

  state(): PathState {
    const { input, s } = this;
    const due = this.nextDueMs();
    return {
      caseId: input.caseId,
      municipalityCode: this.municipalityCode,
      minor: input.minor,
      phase: s.phase,
      openedAt: input.openedAt,
      history: s.history,
      paused: s.paused,
      ...(s.riskLevel ? { riskLevel: s.riskLevel } : {}),
      ...(s.assignedOfficer ? { assignedOfficer: s.assignedOfficer } : {}),
      overdueReferrals: this.overdueCount(),
      ...(due !== undefined ? { nextFollowUpAt: new Date(due).toISOString() } : {}),
      ...(s.closure ? { closure: s.closure } : {}),
    };
  }

  openReferrals(): readonly OpenReferral[] {
    return this.s.referrals;
  }

  nextFollowUp(): NextFollowUp | null {
    const due = this.nextDueMs();
    return due === undefined
      ? null
      : { wave: this.s.wavesDone + 1, dueAt: new Date(due).toISOString() };
  }

  historySummary(): HistorySummary {
    const { s } = this;
    return {
      phase: s.phase,
      entries: s.history.length + s.historyDropped,
      byEventType: countByEventType(s.history),
      recent: s.history.slice(-10),
      runs: s.runs,
    };
  }

  // ---- Signals ----

  caseEvent(signal: CaseEventSignal): void {
    const parsed = caseEventSignalSchema.safeParse(signal);
    if (!parsed.success) {
      log.warn('Ignoring invalid case event signal', { issues: parsed.error.issues.length });
      return;
    }
    // Redelivered or replayed events have no second effect.
    if (this.seen.has(parsed.data.eventId)) return;
    this.markSeen(parsed.data.eventId);
    this.note(parsed.data.type, parsed.data.occurredAt);
  }

  referralProgress(progress: ReferralProgress): void {
    const { s } = this;
    const index = s.referrals.findIndex((referral) => referral.referralId === progress.referralId);
    const current = s.referrals[index];
    if (current === undefined) return;
    if (current.status !== progress.status) this.note(`referral.${progress.status}`);
    if (progress.escalations > current.escalations) this.note('referral.escalated');
    if (progress.status === 'accepted' || progress.status === 'in-progress')
      this.move('referral-accepted');
    if (TERMINAL_REFERRAL.includes(progress.status)) {
      s.referrals.splice(index, 1);
      s.closedReferrals += 1;
    } else {
      s.referrals[index] = {
        ...current,
        status: progress.status,
        providerIds: [...progress.providerIds],
        overdue: progress.overdue,
        escalations: progress.escalations,
        ...(progress.acknowledgeBy ? { acknowledgeBy: progress.acknowledgeBy } : {}),
      };
    }
    this.changed();
  }

  // ---- Updates (their validators are in reintegration-path.validators.ts) ----

  pathEvent(event: PathEvent): PathState {
    const { s } = this;
    if (this.seen.has(event.eventId)) return this.state();
    this.markSeen(event.eventId);
    switch (event.kind) {
      case 'assessment-completed':
        s.riskLevel = event.riskLevel;
        s.baseline = { ...event.scores };
        this.note('path.assessment-completed', event.occurredAt);
        this.move('assessment-completed');
        break;
      case 'plan-approved':
        // Follow-ups run from the approval's business date (older paths replay with delivery time).
        s.planApprovedAt = patched(FOLLOW_UPS_FROM_APPROVAL_PATCH)
          ? notAfter(event.occurredAt, now())
          : now();
        if (event.assignedOfficer) s.assignedOfficer = event.assignedOfficer;
        this.note('path.plan-approved', event.occurredAt);
        this.move('plan-approved');
        break;
      case 'follow-up-scored': {
        this.note('path.follow-up-scored', event.occurredAt);
        const threshold = this.config.dimensionDropThreshold;
        for (const drop of droppedDimensions(s.baseline, event.scores, threshold)) {
          const service = SERVICE_FOR_DIMENSION[drop.dimension];
          this.note(`path.referral-proposed.${drop.dimension}`);
          const data = { caseId: this.input.caseId, ...drop, wave: event.wave, service };
          this.publish({ kind: 'referral-proposed', data: { ...data, proposedAt: now() } });
        }
        break;
      }
      case 'risk-changed':
        s.riskLevel = event.riskLevel;
        this.note('path.risk-changed', event.occurredAt);
        break;
    }
    return this.state();
  }

  async requestReferral(request: RequestReferral): Promise<OpenReferral> {
    const { input, s } = this;
    const known = s.referrals.find((referral) => referral.referralId === request.referralId);
    if (known) return known;
    if (this.seen.has(request.eventId) || this.seen.has(`referral:${request.referralId}`)) {
      throw new Error('the referral is already closed');
    }
    this.markSeen(request.eventId);
    this.markSeen(`referral:${request.referralId}`);
    const referral: OpenReferral = {
      referralId: request.referralId,
      service: request.service,
      priority: request.priority,
      status: 'requested',
      providerIds: request.providerIds.slice(
        0,
        request.askInParallel ?? request.providerIds.length,
      ),
      overdue: false,
      escalations: 0,
    };
    s.referrals.push(referral);
    this.note(`referral.requested.${request.priority}`);
    // Abandoned, not terminated, on close: the path continues as new while referrals run; on
    // closure it cancels them itself.
    await startChild<typeof referralWorkflow>(REFERRAL_WORKFLOW_TYPE, {
      workflowId: referralWorkflowId(request.referralId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          caseId: input.caseId,
          municipalityCode: input.municipalityCode,
          pathWorkflowId: workflowInfo().workflowId,
          request,
          acknowledgementHours: this.config.acknowledgementHours[request.priority],
        },
      ],
    });
    return referral;
  }

  async approveClosure({ eventId, supervisorId, reason }: ApproveClosure): Promise<PathState> {
    const { s } = this;
    if (eventId !== undefined && this.seen.has(eventId)) return this.state();
    if (eventId !== undefined) this.markSeen(eventId);
    const open = s.referrals.map((referral) => referral.referralId);
    s.closure = { reason, approvedBy: supervisorId, at: now() };
    this.note(`path.closure-approved.${reason}`);
    this.move('closure-approved', reason);
    s.referrals = [];
    s.closedReferrals += open.length;
    for (const referralId of open) {
      try {
        await getExternalWorkflowHandle(referralWorkflowId(referralId)).cancel();
      } catch (error) {
        log.warn('referral already finished', { error: (error as Error).message });
      }
    }
    return this.state();
  }

  reassignOfficer({ officerId }: ReassignOfficer): PathState {
    this.s.assignedOfficer = officerId;
    this.note('path.officer-reassigned');
    return this.state();
  }

  setPaused({ paused }: PausePath): PathState {
    this.s.paused = paused;
    this.note(paused ? 'path.paused' : 'path.resumed');
    return this.state();
  }

  transferMunicipality({ eventId, municipalityCode }: TransferMunicipality): PathState {
    if (this.seen.has(eventId)) return this.state();
    this.markSeen(eventId);
    // Histories from before transfers never reach this handler; the marker records the new step.
    if (patched(MUNICIPALITY_TRANSFER_PATCH)) this.municipalityCode = municipalityCode;
    this.note('path.transferred');
    return this.state();
  }

  /** What the update validators read. */
  view(): PathView {
    const { s, seen } = this;
    return {
      phase: s.phase,
      paused: s.paused,
      municipalityCode: this.municipalityCode,
      assignedOfficer: s.assignedOfficer,
      wavesDone: s.wavesDone,
      referrals: s.referrals,
      hasSeen: (id) => seen.has(id),
    };
  }

  // ---- For the main loop ----

  isOpen(): boolean {
    return isOpen(this.s.phase);
  }

  /** When the next follow-up wave is due, unless the path is paused (or has none). */
  nextWaveDueMs(): number | undefined {
    return this.s.paused ? undefined : this.nextDueMs();
  }

  runFollowUpWave(dueMs: number): void {
    const { s } = this;
    s.wavesDone += 1;
    this.move('follow-up-due');
    this.note(`path.follow-up-due.${s.wavesDone}`);
    this.publish({
      kind: 'follow-up-due',
      data: {
        caseId: this.input.caseId,
        wave: s.wavesDone,
        dueAt: new Date(dueMs).toISOString(),
        ...(s.assignedOfficer ? { assignedOfficer: s.assignedOfficer } : {}),
      },
    });
  }

  /** What the next run carries (continue-as-new). */
  snapshot(): PathSnapshot {
    const { s } = this;
    return {
      ...s,
      seenEventIds: [...s.seenEventIds],
      history: [...s.history],
      runs: s.runs + 1,
    };
  }

  // ---- Internals ----

  private changed(): void {
    this.version += 1;
  }

  private note(eventType: string, at = now()): void {
    const { s } = this;
    s.historyDropped += appendHistory(s.history, { at, eventType, phase: s.phase }, HISTORY_CAP);
    this.changed();
  }

  private markSeen(eventId: string): void {
    this.seen.add(eventId);
    remember(this.s.seenEventIds, eventId, SEEN_IDS_CAP);
  }

  private publish(publication: Omit<PathEventPublication, 'eventId' | 'caseId'>): void {
    this.pending.push({
      ...publication,
      eventId: uuid4(),
      caseId: this.input.caseId,
    } as PathEventPublication);
  }

  private move(trigger: PhaseTrigger, reasonCode?: ClosureReason): void {
    const { s } = this;
    const to = nextPhase(s.phase, trigger);
    if (to === undefined || to === s.phase) return;
    const from = s.phase;
    s.phase = to;
    this.note(`path.phase-changed.${to}`);
    this.publish({
      kind: 'phase-changed',
      data: {
        caseId: this.input.caseId,
        from,
        to,
        ...(reasonCode ? { reasonCode } : {}),
        occurredAt: now(),
      },
    });
  }

  private overdueCount(): number {
    return this.s.referrals.filter((referral) => referral.overdue || referral.status === 'unrouted')
      .length;
  }

  private nextDueMs(): number | undefined {
    const { s } = this;
    return isOpen(s.phase)
      ? nextFollowUpDueMs(s.planApprovedAt, this.config.followUpDays, s.wavesDone)
      : undefined;
  }
}

/** Workflow time (deterministic: Temporal's clock of the current task). */
function now(): string {
  return new Date().toISOString();
}
