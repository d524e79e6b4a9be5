import { type Actor, hasAnyRole } from '@reintegra/platform-auth';

/** The roles of the care API: no other role reaches it, admin included. */
export const COUNSELLOR = 'victim-support-counsellor';
export const SUPERVISOR = 'victim-support-supervisor';

export type AccessBasis = 'assigned-care' | 'supervision' | 'break-glass';

export interface AccessFacts {
  /** The actor is one of the record's assigned counsellors. */
  assigned: boolean;
  /** The actor holds an unexpired break-glass grant on the record. */
  activeBreakGlass: boolean;
}

/**
 * Need-to-know. Reading a care record: its assigned counsellors, the victim-support supervisor,
 * or a counsellor under a live break-glass grant. Writing clinical content (risk, plan, services,
 * sessions, consent, closure): its assigned counsellors, or a counsellor under break-glass; the
 * supervisor oversees (reads, assigns, erases) but does not write care content. No other role —
 * intake officers, other caseworkers, partners, municipal or national supervisors, admins — has
 * any basis, whatever else they may do on the platform.
 */
export function accessBasis(
  actor: Actor,
  facts: AccessFacts,
  mode: 'read' | 'write',
): AccessBasis | null {
  const counsellor = hasAnyRole(actor, [COUNSELLOR]);
  if (counsellor && facts.assigned) return 'assigned-care';
  if (mode === 'read' && hasAnyRole(actor, [SUPERVISOR])) return 'supervision';
  if (counsellor && facts.activeBreakGlass) return 'break-glass';
  return null;
}

/**
 * Who may take a referral from the queue themselves (acceptance self-assigns). A survivor's care:
 * any counsellor of the office. A child-protection referral: nobody by themselves. The victims'
 * office already holds what a child's protection needs (per-record keys, the audited need-to-know
 * rule, break-glass), so intake's child-protection route ends here rather than in a new service;
 * what differs is who handles it: not whichever counsellor opens the queue first, but the one the
 * victim-support supervisor, who sees every referral, assigns (a counsellor trained for children).
 * A platform role of its own for them would change the role vocabulary of every service; the
 * supervisor's assignment gives the same need-to-know with the roles there are. Once assigned,
 * the record follows the ordinary rule (accessBasis), break-glass included: audited, time-bound
 * and notified to the supervisor.
 */
export function selfAcceptBasis(kind: 'care' | 'child-protection'): AccessBasis | null {
  return kind === 'care' ? 'assigned-care' : null;
}

/** Whether the actor's queue lists referrals of this kind (as above: the supervisor sees all). */
export function queueShows(actor: Actor, kind: 'care' | 'child-protection'): boolean {
  return kind === 'care' || hasAnyRole(actor, [SUPERVISOR]);
}

/**
 * The office scope, checked before need-to-know: the victims' office is municipal, so a counsellor
 * or supervisor acts only on records routed to their own municipality (token claim
 * `municipality`). There is no national role here: a record without a municipality belongs to no
 * office, and a token without one reaches no record.
 */
export function inOffice(actor: Actor, recordMunicipality: string | null): boolean {
  return (
    recordMunicipality !== null &&
    actor.municipalityCode !== undefined &&
    actor.municipalityCode === recordMunicipality
  );
}
