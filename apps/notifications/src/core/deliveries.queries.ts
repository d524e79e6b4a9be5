import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import type { Language, Recipient, TemplateName, TemplateParams } from '../templates/templates';

export interface NewDelivery {
  recipient: Recipient;
  caseId: string;
  officerId?: string;
  template: TemplateName;
  language: Language;
  params: TemplateParams;
  /** Set when the message is decided against at once (logged as skipped, never sent). */
  skippedReason?: string;
}

/** A delivery per event and recipient: a repeated event adds nothing. */
export async function addDelivery(
  manager: EntityManager,
  event: EventEnvelope,
  position: MessagePosition,
  delivery: NewDelivery,
): Promise<void> {
  await manager.query(
    `INSERT INTO deliveries (id, event_id, recipient, case_id, officer_id, template, language,
                             params, status, reason, source_event, source_topic,
                             source_partition, source_offset)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (event_id, recipient) DO NOTHING`,
    [
      randomUUID(),
      event.id,
      delivery.recipient,
      delivery.caseId,
      delivery.officerId ?? null,
      delivery.template,
      delivery.language,
      JSON.stringify(delivery.params),
      delivery.skippedReason ? 'skipped' : 'pending',
      delivery.skippedReason ?? null,
      JSON.stringify(event),
      position.topic,
      position.partition,
      position.offset,
    ],
  );
}

/** Whether the case has a `contact` consent granted and not withdrawn. */
export async function hasContactConsent(
  manager: Pick<EntityManager, 'query'>,
  caseId: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM contact_consents
      WHERE case_id = $1 AND granted_at IS NOT NULL AND withdrawn_at IS NULL LIMIT 1`,
    [caseId],
  );
  return rows.length > 0;
}
