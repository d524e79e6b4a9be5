// Named apart from this module: Node resolves `./topics` to a .json before a .ts.
import topicList from './topic-list.json';

/** One entry of the declarative topic list (`topic-list.json`), shared with the infra scripts. */
export interface TopicDefinition {
  readonly name: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly cleanupPolicy: 'delete' | 'compact';
  readonly deadLetterTopic: string;
  readonly description: string;
}

export const topicDefinitions: readonly TopicDefinition[] = topicList.topics as TopicDefinition[];

function topic(name: string): string {
  if (!topicDefinitions.some((t) => t.name === name)) {
    throw new Error(`Topic ${name} is not declared in topic-list.json`);
  }
  return name;
}

/** Topic names are wire contracts: never renamed. The event version lives in the event type. */
export const TOPICS = {
  intakeReturnees: topic('reintegra.intake.returnees'),
  intakeConsents: topic('reintegra.intake.consents'),
  intakeReferrals: topic('reintegra.intake.referrals'),
  referralStatus: topic('reintegra.services.referral-status'),
  pathEvents: topic('reintegra.path.events'),
  serviceCapacity: topic('reintegra.services.capacity'),
  employmentEvents: topic('reintegra.employment.events'),
  communityEvents: topic('reintegra.community.events'),
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** The dead-letter topic of a topic: where messages that fail their contract go, with the reason. */
export function deadLetterTopicOf(topicName: string): string {
  const definition = topicDefinitions.find((t) => t.name === topicName);
  if (!definition) throw new Error(`Topic ${topicName} is not declared in topic-list.json`);
  return definition.deadLetterTopic;
}
