export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaConnectionOptions {
  clientId: string;
  brokers: string[];
}
