import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@reintegra/platform-config';
import { counterOf } from '@reintegra/platform-http';
import { DeadLetterPublisher, PollingLoop } from '@reintegra/platform-messaging';
import {
  ChannelError,
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
} from '../channels/notification-channel';
import type { NotificationsConfig } from '../config';
import { ContactDirectory } from '../core/contact-directory';
import { hasContactConsent } from '../core/deliveries.queries';
import { renderMessage } from '../templates/templates';
import {
  type ClaimedDelivery,
  claimDue,
  markDeadLettered,
  markRetry,
  markSent,
  markSkipped,
} from './delivery.queries';

type Target = { channel: NotificationChannel; to: string } | { skipped: string };

const BATCH = 10;
const LEASE_SECONDS = 120;

/**
 * Sends what the delivery log holds, with bounded retries: a failed attempt waits
 * NOTIFY_RETRY_BASE_MS, doubling; after NOTIFY_MAX_ATTEMPTS the delivery is `dead-lettered` and
 * its source event goes to `<topic>.dlq` with the reason (the platform's dead-letter mechanism).
 * Consent is checked again and the address asked from intake at send time. Logs carry ids and
 * codes, never an address or a text.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly loop = new PollingLoop('notifications', () => this.tick());
  private readonly outcomes = counterOf(
    'notifications_total',
    'Reminders by template, recipient, channel and outcome (sent, skipped, retried, dead-lettered)',
    ['template', 'recipient', 'channel', 'outcome'],
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactDirectory,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.wake(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  private async tick(): Promise<number> {
    const claimed = await claimDue(this.dataSource, BATCH, LEASE_SECONDS);
    for (const delivery of claimed) await this.deliver(delivery);
    return claimed.length === BATCH ? 0 : this.config.NOTIFY_POLL_INTERVAL_MS;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    let target: Target | undefined;
    try {
      target = await this.targetOf(delivery);
      if ('skipped' in target) {
        await markSkipped(this.dataSource, delivery.id, target.skipped);
        this.record(delivery, '-', 'skipped', target.skipped);
        return;
      }
      const message = renderMessage(
        delivery.template,
        delivery.recipient,
        delivery.language,
        delivery.params,
      );
      await target.channel.send({ to: target.to, ...message });
      await markSent(this.dataSource, delivery.id, target.channel.name);
      this.record(delivery, target.channel.name, 'sent');
    } catch (error) {
      const channel = target && 'channel' in target ? target.channel.name : null;
      const detail =
        error instanceof ChannelError ? error.detail : `lookup failed: ${(error as Error).message}`;
      await this.failed(delivery, channel, detail);
    }
  }

  private async targetOf(delivery: ClaimedDelivery): Promise<Target> {
    if (delivery.recipient === 'officer') {
      const to =
        (delivery.officer_id && this.config.OFFICER_EMAILS[delivery.officer_id]) ||
        this.config.OFFICE_EMAIL;
      const email = this.channels.find((channel) => channel.name === 'email');
      return to && email ? { channel: email, to } : { skipped: 'no-officer-address' };
    }
    if (!(await hasContactConsent(this.dataSource, delivery.case_id)))
      return { skipped: 'no-contact-consent' };
    const contact = await this.contacts.contactOf(delivery.case_id);
    if (!contact) return { skipped: 'case-unknown' };
    for (const name of this.config.PERSON_CHANNELS) {
      const channel = this.channels.find((candidate) => candidate.name === name);
      const to = channel && (channel.address === 'email' ? contact.email : contact.phone);
      if (channel && to) return { channel, to };
    }
    return { skipped: 'no-address' };
  }

  private async failed(
    delivery: ClaimedDelivery,
    channel: string | null,
    detail: string,
  ): Promise<void> {
    const attempts = delivery.attempts + 1;
    if (attempts < this.config.NOTIFY_MAX_ATTEMPTS) {
      const waitMs = this.config.NOTIFY_RETRY_BASE_MS * 2 ** (attempts - 1);
      await markRetry(this.dataSource, delivery.id, channel, attempts, detail, waitMs);
      this.record(delivery, channel ?? '-', 'retried', detail);
      return;
    }
    // Dead-letter first: if the update then fails, the next try dead-letters again (a duplicate
    // in the .dlq is harmless; a lost one is not).
    await this.deadLetters.publish({
      topic: delivery.source_topic,
      partition: delivery.source_partition,
      offset: delivery.source_offset,
      key: delivery.case_id,
      value: JSON.stringify(delivery.source_event),
      consumer: `${this.config.KAFKA_CONSUMER_GROUP}:delivery`,
      reason: 'notification.delivery-failed',
      detail: `${delivery.recipient} ${delivery.template} via ${channel ?? '-'} after ${attempts} attempts: ${detail}`,
    });
    await markDeadLettered(this.dataSource, delivery.id, channel, attempts, detail);
    this.record(delivery, channel ?? '-', 'dead-lettered', detail);
  }

  private record(delivery: ClaimedDelivery, channel: string, outcome: string, reason?: string) {
    this.outcomes.inc({
      template: delivery.template,
      recipient: delivery.recipient,
      channel,
      outcome,
    });
    this.logger.log({
      msg: 'reminder',
      deliveryId: delivery.id,
      template: delivery.template,
      recipient: delivery.recipient,
      channel,
      outcome,
      ...(reason ? { reason } : {}),
    });
  }
}
