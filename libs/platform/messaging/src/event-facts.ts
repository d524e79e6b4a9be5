import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { EventDefinition } from '@reintegra/event-contracts';
import type { EventContext } from './event-context';
import type { OutboxWriter } from './outbox';

/**
 * An event's data as a service knows it: everything but `occurredAt` (the publishing time), an
 * optional fact possibly null where the service's rows hold null.
 */
export type EventFacts<TData> = {
  [K in keyof TData as K extends 'occurredAt' ? never : K]: undefined extends TData[K]
    ? TData[K] | null
    : TData[K];
};

/** Leaves out absent facts: contracts mark them optional, never nullable. */
function presentFacts(facts: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(facts).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * Writes an event whose data are the given facts and when they occurred, in the caller's
 * transaction. The contract still checks the data (a break is a programming error).
 */
export async function publishFacts<S extends z.ZodType>(
  outbox: OutboxWriter,
  manager: EntityManager,
  definition: EventDefinition<S>,
  subject: string,
  facts: EventFacts<z.input<S>>,
  context: EventContext,
  now = new Date(),
): Promise<void> {
  const data = { ...presentFacts(facts), occurredAt: now.toISOString() } as z.input<S>;
  await outbox.publish(manager, definition, { subject, time: now, data }, context);
}

/** Publishes one kind of event about a case: keyed by the case, so its events stay in order. */
export type CaseEventPublisher<TData> = (
  manager: EntityManager,
  facts: EventFacts<TData> & { caseId: string },
  context: EventContext,
  now?: Date,
) => Promise<void>;

export function caseEventPublisher<S extends z.ZodType>(
  outbox: OutboxWriter,
  definition: EventDefinition<S>,
): CaseEventPublisher<z.input<S>> {
  return (manager, facts, context, now = new Date()) =>
    publishFacts(outbox, manager, definition, facts.caseId, facts, context, now);
}
