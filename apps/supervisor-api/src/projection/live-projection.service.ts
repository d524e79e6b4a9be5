import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import { DeadLetterPublisher, KAFKA } from '@reintegra/platform-messaging';
import { AlertBus } from '../alerts/alert-bus.service';
import type { SupervisorApiConfig } from '../config';
import { ProjectionRunner } from './projection-runner';

/** Escalations older than this are history (catch-up), not news for the open dashboards. */
const LIVE_WINDOW_MS = 24 * 3600 * 1000;

/** The projection of the running service, into the live tables, with live alerts. */
@Injectable()
export class LiveProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: ProjectionRunner;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    dataSource: DataSource,
    deadLetters: DeadLetterPublisher,
    alerts: AlertBus,
    @Inject(APP_CONFIG) config: SupervisorApiConfig,
  ) {
    this.runner = new ProjectionRunner({
      kafka,
      groupId: config.KAFKA_CONSUMER_GROUP,
      dataSource,
      deadLetter: (letter) => deadLetters.publish(letter),
      maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
      onAlerts: (projected) => {
        for (const alert of projected) {
          if (Date.now() - Date.parse(alert.occurredAt) > LIVE_WINDOW_MS) continue;
          alerts.publish({
            kind: 'escalation',
            id: alert.id,
            caseId: alert.caseId,
            referralId: alert.referralId,
            municipalityCode: alert.municipalityCode,
            service: alert.service,
            priority: alert.priority,
            at: alert.occurredAt,
            escalation: alert.escalation,
          });
        }
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
