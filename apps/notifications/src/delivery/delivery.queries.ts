import type { DataSource } from 'typeorm';
import type { Language, Recipient, TemplateName, TemplateParams } from '../templates/templates';

/** A pending delivery taken for sending, with what the dead letter needs. */
export interface ClaimedDelivery {
  id: string;
  recipient: Recipient;
  case_id: string;
  officer_id: string | null;
  template: TemplateName;
  language: Language;
  params: TemplateParams;
  attempts: number;
  source_event: unknown;
  source_topic: string;
  source_partition: number;
  source_offset: string;
}

/** Takes due pending deliveries under a lease, so two processes never send the same one. */
export async function claimDue(
  dataSource: DataSource,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedDelivery[]> {
  const [rows] = (await dataSource.query(
    `WITH due AS (
       SELECT id FROM deliveries
        WHERE status = 'pending' AND next_attempt_at <= now()
          AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at, id
        LIMIT $1
        FOR UPDATE SKIP LOCKED)
     UPDATE deliveries d
        SET lease_until = now() + make_interval(secs => $2), updated_at = now()
       FROM due WHERE d.id = due.id
     RETURNING d.id, d.recipient, d.case_id, d.officer_id, d.template, d.language, d.params,
               d.attempts, d.source_event, d.source_topic, d.source_partition, d.source_offset`,
    [limit, leaseSeconds],
  )) as [ClaimedDelivery[], number];
  return rows;
}

export async function markSent(dataSource: DataSource, id: string, channel: string): Promise<void> {
  await dataSource.query(
    `UPDATE deliveries
        SET status = 'sent', channel = $2, attempts = attempts + 1, sent_at = now(),
            last_error = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id, channel],
  );
}

export async function markSkipped(
  dataSource: DataSource,
  id: string,
  reason: string,
): Promise<void> {
  await dataSource.query(
    `UPDATE deliveries SET status = 'skipped', reason = $2, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id, reason],
  );
}

export async function markRetry(
  dataSource: DataSource,
  id: string,
  channel: string | null,
  attempts: number,
  error: string,
  waitMs: number,
): Promise<void> {
  await dataSource.query(
    `UPDATE deliveries
        SET channel = COALESCE($2, channel), attempts = $3, last_error = $4,
            next_attempt_at = now() + make_interval(secs => $5), lease_until = NULL,
            updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id, channel, attempts, error, waitMs / 1000],
  );
}

export async function markDeadLettered(
  dataSource: DataSource,
  id: string,
  channel: string | null,
  attempts: number,
  error: string,
): Promise<void> {
  await dataSource.query(
    `UPDATE deliveries
        SET status = 'dead-lettered', reason = 'delivery-failed', channel = COALESCE($2, channel),
            attempts = $3, last_error = $4, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [id, channel, attempts, error],
  );
}
