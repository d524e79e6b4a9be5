import type { z } from 'zod';
import type { TopicName } from './topics';

/** A versioned event contract: its type (with major version), topic and data schema. */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly topic: TopicName;
  readonly description: string;
  readonly data: TSchema;
}

export function defineEvent<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
): EventDefinition<TSchema> {
  return definition;
}
