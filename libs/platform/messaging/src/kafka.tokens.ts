import type { KafkaSecurityOptions } from '@reintegra/platform-config';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

/** Brokers plus TLS/SASL (kafkaSecurityOptions of the validated config; none = plaintext). */
export interface KafkaConnectionOptions extends KafkaSecurityOptions {
  clientId: string;
  brokers: string[];
}
