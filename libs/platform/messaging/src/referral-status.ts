import type { EntityManager } from 'typeorm';
import {
  type ReferralService,
  type ReferralStatusChangedV1,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import type { EventContext } from './event-context';
import { caseEventPublisher, type EventFacts } from './event-facts';
import type { OutboxWriter } from './outbox';

/** Where a referral stands, as the service that received it reports it. */
export type ReferralStatusReport = EventFacts<ReferralStatusChangedV1>;

/**
 * One service's answers to referrals (`referral.status-changed`), under its own service name,
 * written to the outbox in the caller's transaction and keyed by case.
 */
export type ReferralStatusPublisher = (
  manager: EntityManager,
  report: Omit<ReferralStatusReport, 'service'>,
  context: EventContext,
  now?: Date,
) => Promise<void>;

export function referralStatusPublisher(
  outbox: OutboxWriter,
  service: ReferralService,
): ReferralStatusPublisher {
  const answers = caseEventPublisher(outbox, referralStatusChangedV1);
  return (manager, report, context, now) => answers(manager, { ...report, service }, context, now);
}
