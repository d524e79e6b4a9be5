import { authConfigSpec } from '@reintegra/platform-auth';
import { databaseConfigSpec, kafkaConfigSpec, serviceConfigSpec } from '@reintegra/platform-config';

/**
 * What every service with a database and Kafka reads: HTTP and logs, its database, its Kafka client
 * and the access-token settings. A service adds Temporal, outbox, consumer and its own variables.
 */
export function foundationConfigSpec(service: { port: number; database: string; name: string }) {
  return {
    ...serviceConfigSpec(service.port),
    ...databaseConfigSpec(service.database),
    ...kafkaConfigSpec(service.name),
    ...authConfigSpec(),
  };
}
