import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { consentGrantedV1, consentWithdrawnV1, TOPICS } from '@reintegra/event-contracts';
import { EventConsumer, Inbox } from '@reintegra/platform-messaging';

/**
 * The `contact` consents of each case, each event once. A withdrawal seen before its grant
 * (another partition order after a replay) still wins: the grant only fills `granted_at`.
 */
@Controller()
export class ConsentsConsumer {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly inbox: Inbox,
  ) {}

  @EventPattern(TOPICS.intakeConsents)
  onConsentEvent(@Ctx() context: KafkaContext): Promise<void> {
    return this.consumer.consume(context, {
      ...this.inbox.on(consentGrantedV1, async (manager, data) => {
        if (data.purpose !== 'contact') return;
        await recordMoment(manager, 'granted_at', data, data.grantedAt);
      }),
      ...this.inbox.on(consentWithdrawnV1, async (manager, data) => {
        if (data.purpose !== 'contact') return;
        await recordMoment(manager, 'withdrawn_at', data, data.withdrawnAt);
        // Nothing still waiting goes out once no contact consent is left.
        await manager.query(
          `UPDATE deliveries SET status = 'skipped', reason = 'contact-consent-withdrawn',
                  updated_at = now()
            WHERE case_id = $1 AND recipient = 'person' AND status = 'pending'
              AND NOT EXISTS (SELECT 1 FROM contact_consents
                               WHERE case_id = $1 AND granted_at IS NOT NULL AND withdrawn_at IS NULL)`,
          [data.caseId],
        );
      }),
    });
  }
}

/**
 * Records when a contact consent was granted or withdrawn: whichever arrives first creates the
 * row, the other fills its own column in (the order of the two is not guaranteed after a replay).
 */
async function recordMoment(
  manager: EntityManager,
  column: 'granted_at' | 'withdrawn_at',
  consent: { consentId: string; caseId: string },
  at: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO contact_consents (consent_id, case_id, ${column}) VALUES ($1, $2, $3)
     ON CONFLICT (consent_id) DO UPDATE SET ${column} = EXCLUDED.${column}`,
    [consent.consentId, consent.caseId, at],
  );
}
