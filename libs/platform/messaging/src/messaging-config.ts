import { z } from 'zod';
import { type ConfigSpec, variable } from '@reintegra/platform-config';

/** Settings of a service that publishes events through the transactional outbox. */
export function outboxConfigSpec() {
  return {
    OUTBOX_POLL_INTERVAL_MS: variable(
      z.coerce.number().int().min(10).max(60_000).default(250),
      'How often the outbox relay looks for unpublished events when idle (ms).',
    ),
  } satisfies ConfigSpec;
}

/** Settings of a service that consumes events (its consumer group is also its inbox name). */
export function consumerConfigSpec(defaultGroup: string, defaults: { concurrency?: number } = {}) {
  return {
    KAFKA_CONSUMER_GROUP: variable(
      z.string().min(1).default(defaultGroup),
      "Consumer group of the service's Kafka consumer (also its inbox consumer name).",
    ),
    CONSUMER_MAX_ATTEMPTS: variable(
      z.coerce.number().int().min(1).max(20).default(5),
      'Attempts for a transiently failing event before it goes to the dead-letter topic.',
    ),
    CONSUMER_CONCURRENCY: variable(
      z.coerce
        .number()
        .int()
        .min(1)
        .max(256)
        .default(defaults.concurrency ?? 1),
      "Events of one Kafka partition handled at once: different keys (cases) side by side, one case's events in order; offsets committed up to the lowest unfinished. 1: one at a time.",
    ),
  } satisfies ConfigSpec;
}
