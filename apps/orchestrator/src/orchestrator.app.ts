import type { INestApplication } from '@nestjs/common';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import { startHttpService } from '@reintegra/platform-http';
import { SERVICE_NAME, type OrchestratorConfig } from './config';
import { OrchestratorModule } from './orchestrator.module';

/** The orchestrator process: health over HTTP, the Kafka→Temporal bridge and the worker. */
export function startOrchestrator(config: OrchestratorConfig): Promise<INestApplication> {
  return startHttpService(OrchestratorModule.register(config), {
    service: SERVICE_NAME,
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    beforeListen: async (app) => {
      app.connectMicroservice(
        kafkaConsumerTransport({
          clientId: config.KAFKA_CLIENT_ID,
          brokers: config.KAFKA_BROKERS,
          groupId: config.KAFKA_CONSUMER_GROUP,
        }),
        { inheritAppConfig: true },
      );
      await app.startAllMicroservices();
    },
  });
}
