import {
  approveClosureSchema,
  pathEventSchema,
  pauseSchema,
  reassignOfficerSchema,
  transferMunicipalitySchema,
  requestReferralSchema,
  type ApproveClosure,
  type CasePhase,
  type OpenReferral,
  type PathEvent,
  type PausePath,
  type ReassignOfficer,
  type RequestReferral,
  type TransferMunicipality,
} from '@reintegra/workflow-contracts';
import { closureProblem, isOpen, nextPhase } from './path-model';

/** What the validators read of a path (ReintegrationPathState.view()). */
export interface PathView {
  readonly phase: CasePhase;
  readonly paused: boolean;
  readonly municipalityCode: string;
  readonly assignedOfficer: string | undefined;
  readonly wavesDone: number;
  readonly referrals: readonly OpenReferral[];
  hasSeen(eventId: string): boolean;
}

/*
 * The path's update validators: each throws to reject bad input or an illegal step, so the
 * update fails for its caller (→ the bridge's dead-letter topic) and the workflow never does.
 * They read, never change, the path.
 */

export function validatePathEvent(path: PathView, event: PathEvent): void {
  const parsed = pathEventSchema.safeParse(event);
  if (!parsed.success) throw new Error(`invalid path event: ${parsed.error.message}`);
  const why = pathEventProblem(path, parsed.data);
  if (why) throw new Error(why);
}

function pathEventProblem(path: PathView, event: PathEvent): string | undefined {
  if (path.hasSeen(event.eventId)) return undefined;
  if (!isOpen(path.phase)) return 'the path is closed';
  switch (event.kind) {
    case 'assessment-completed':
      return nextPhase(path.phase, 'assessment-completed')
        ? undefined
        : `no assessment in ${path.phase}`;
    case 'plan-approved':
      return nextPhase(path.phase, 'plan-approved')
        ? undefined
        : `no plan approval in ${path.phase}`;
    case 'follow-up-scored':
      return path.phase === 'follow-up' && event.wave <= path.wavesDone
        ? undefined
        : `follow-up wave ${event.wave} is not due`;
    case 'risk-changed':
      return undefined;
  }
}

export function validateReferralRequest(path: PathView, request: RequestReferral): void {
  const parsed = requestReferralSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid referral request: ${parsed.error.message}`);
  requireOpen(path);
  const known = path.referrals.some((referral) => referral.referralId === parsed.data.referralId);
  if (!known && path.hasSeen(`referral:${parsed.data.referralId}`)) {
    throw new Error('the referral is already closed');
  }
}

export function validateClosure(path: PathView, request: ApproveClosure): void {
  const parsed = approveClosureSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid closure: ${parsed.error.message}`);
  if (parsed.data.eventId !== undefined && path.hasSeen(parsed.data.eventId)) return;
  const why = closureProblem(path.phase, parsed.data.reason, path.wavesDone);
  if (why) throw new Error(why);
}

export function validateReassignment(path: PathView, request: ReassignOfficer): void {
  const parsed = reassignOfficerSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid reassignment: ${parsed.error.message}`);
  requireOpen(path);
  if (parsed.data.officerId === path.assignedOfficer) throw new Error('already assigned');
}

export function validatePause(path: PathView, request: PausePath): void {
  const parsed = pauseSchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid pause request: ${parsed.error.message}`);
  requireOpen(path);
  if (parsed.data.paused === path.paused) {
    throw new Error(parsed.data.paused ? 'already paused' : 'not paused');
  }
}

export function validateTransfer(path: PathView, request: TransferMunicipality): void {
  const parsed = transferMunicipalitySchema.safeParse(request);
  if (!parsed.success) throw new Error(`invalid transfer: ${parsed.error.message}`);
  if (path.hasSeen(parsed.data.eventId)) return;
  requireOpen(path);
  if (parsed.data.municipalityCode === path.municipalityCode) {
    throw new Error('the case is already in that municipality');
  }
}

function requireOpen(path: PathView): void {
  if (!isOpen(path.phase)) throw new Error('the path is closed');
}
