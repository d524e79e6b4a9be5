import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { partnerTopicOf } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { KAFKA } from '@reintegra/platform-messaging';
import type { PartnerGatewayConfig } from '../config';

/**
 * Creates each agency's own topic `reintegra.partner.<agencyId>`, so that in production an
 * agency's Kafka credentials can be limited by ACL to reading that one topic (see
 * apps/partner-gateway/docs/kafka-security.md). Retention follows the replay window.
 */
@Injectable()
export class PartnerTopics implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: PartnerGatewayConfig,
  ) {}

  /** Creates the agency's topic when missing; returns its name. */
  async ensure(agencyId: string): Promise<string> {
    const topic = partnerTopicOf(agencyId);
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: this.config.PARTNER_TOPIC_PARTITIONS,
          configEntries: [
            { name: 'cleanup.policy', value: 'delete' },
            {
              name: 'retention.ms',
              value: String(this.config.PARTNER_RETENTION_DAYS * 86_400_000),
            },
          ],
        },
      ],
    });
    return topic;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}
