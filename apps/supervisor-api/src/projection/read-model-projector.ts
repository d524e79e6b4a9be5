import type { EventEnvelope } from '@reintegra/event-contracts';
import { caseTransfersProjections } from './case-transfers.projection';
import { communityEventsProjections } from './community-events.projection';
import { intakeConsentsProjections } from './intake-consents.projection';
import { intakeReferralsProjections } from './intake-referrals.projection';
import { intakeReturneesProjections } from './intake-returnees.projection';
import { pathEventsProjections } from './path-events.projection';
import {
  type ProjectedAlert,
  type Projections,
  type Queryable,
  refreshAwaitingDeadline,
} from './projection-core';
import { referralStatusProjections } from './referral-status.projection';

/**
 * Applies one event to the read model, with the projections of its topic. Events of different
 * topics arrive in any order (only one case's events on one topic keep theirs), so every write is
 * an upsert that keeps the latest fact by its own time, and rows are created by whichever event
 * comes first.
 */
export class ReadModelProjector {
  private readonly handlers: Projections = {
    ...intakeReturneesProjections,
    ...caseTransfersProjections,
    ...intakeConsentsProjections,
    ...intakeReferralsProjections,
    ...referralStatusProjections,
    ...pathEventsProjections,
    ...communityEventsProjections,
  };

  /** Event types that may change a case's referrals (and so its awaiting deadline). */
  private readonly referralTypes = new Set(
    Object.keys({
      ...intakeReferralsProjections,
      ...referralStatusProjections,
      ...pathEventsProjections,
    }),
  );

  /** Event types the read model uses; the rest (victim-support by reference, capacity) are skipped. */
  handles(type: string): boolean {
    return type in this.handlers;
  }

  async apply(db: Queryable, event: EventEnvelope): Promise<ProjectedAlert[]> {
    const handler = this.handlers[event.type];
    if (!handler) return [];
    const alerts = (await handler(db, event)) ?? [];
    const caseId = (event.data as { caseId?: unknown }).caseId;
    if (this.referralTypes.has(event.type) && typeof caseId === 'string')
      await refreshAwaitingDeadline(db, caseId);
    return alerts;
  }
}
