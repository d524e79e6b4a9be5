import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { followUpDueV1, referralEscalatedV1, TOPICS } from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';
import type { NotificationsConfig } from '../config';
import { addDelivery, hasContactConsent } from '../core/deliveries.queries';

/**
 * Turns path events into reminders waiting in the delivery log (the delivery worker sends them):
 * a follow-up wave → the person (only with a `contact` consent; otherwise logged as skipped) and
 * the officer; a missed referral deadline → the officer. Each event once (inbox), and one
 * delivery per event and recipient. Reminders older than NOTIFY_MAX_AGE_DAYS are logged as
 * skipped: a new consumer group reads the topic from its start.
 */
@Controller()
export class RemindersConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /** Why a reminder dated `at` is not sent at all, if it is too old to help anyone. */
  private staleness(at: string): { skippedReason: string } | object {
    const maxAgeMs = this.config.NOTIFY_MAX_AGE_DAYS * 86_400_000;
    return Date.now() - Date.parse(at) > maxAgeMs ? { skippedReason: 'too-old' } : {};
  }

  @EventPattern(TOPICS.pathEvents)
  onPathEvent(@Ctx() context: KafkaContext): Promise<void> {
    const language = this.config.NOTIFY_LANGUAGE;
    return this.consumer.consume(context, {
      ...this.inbox.on(followUpDueV1, async (manager, data, { event, position }) => {
        const params = { caseId: data.caseId, wave: data.wave, dueAt: data.dueAt };
        const base = { caseId: data.caseId, template: 'follow-up-due' as const, language, params };
        const stale = this.staleness(data.dueAt);
        const consented = await hasContactConsent(manager, data.caseId);
        await addDelivery(manager, event, position, {
          ...base,
          recipient: 'person',
          ...(consented ? {} : { skippedReason: 'no-contact-consent' }),
          ...stale,
        });
        await addDelivery(manager, event, position, {
          ...base,
          recipient: 'officer',
          officerId: data.assignedOfficer,
          ...stale,
        });
      }),
      ...this.inbox.on(referralEscalatedV1, async (manager, data, { event, position }) => {
        await addDelivery(manager, event, position, {
          recipient: 'officer',
          caseId: data.caseId,
          template: 'referral-overdue',
          language,
          params: {
            caseId: data.caseId,
            referralId: data.referralId,
            service: data.service,
            acknowledgeBy: data.acknowledgeBy,
          },
          ...this.staleness(data.escalatedAt),
        });
      }),
    });
  }
}
