import { z } from 'zod';
import { type ConfigOf, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'partner-gateway';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const partnerGatewayConfigSpec = {
  ...foundationConfigSpec({ port: 3107, database: 'partner_gateway', name: SERVICE_NAME }),
  ...consumerConfigSpec(SERVICE_NAME),
  PARTNER_GATEWAY_KEY: variable(
    z
      .string()
      .refine(
        (value) => Buffer.from(value, 'base64').length === 32,
        'must be 32 random bytes in base64 (openssl rand -base64 32)',
      ),
    'Master key (base64, 32 bytes): derives each agency’s pseudonym key and encrypts webhook secrets. Losing it changes every pseudonym and voids every webhook secret; back it up apart from the database.',
    { secret: true, devDefault: 'ZGV2LW9ubHktcGFydG5lci1nYXRld2F5LWtleS0wMDA=' },
  ),
  PARTNER_CONSENT_HOLD_SECONDS: variable(
    int(1, 30 * 86_400, 72 * 3600),
    'How long an event about a case whose consent (or registration) is not yet known is held before it is dropped with an audit record.',
  ),
  PARTNER_RETENTION_DAYS: variable(
    int(1, 3650, 365),
    'Days the per-agency public event log (and each agency topic) keeps events; replay reaches back this far.',
  ),
  PARTNER_TOPIC_PARTITIONS: variable(
    int(1, 64, 3),
    'Partitions of each agency topic reintegra.partner.<agencyId>.',
  ),
  WEBHOOK_MAX_ATTEMPTS: variable(
    int(1, 50, 10),
    'Attempts of a webhook delivery before it is dead-lettered.',
  ),
  WEBHOOK_RETRY_BASE_MS: variable(
    int(10, 3_600_000, 2000),
    'First webhook retry delay; doubles each attempt, with jitter.',
  ),
  WEBHOOK_RETRY_MAX_MS: variable(
    int(100, 86_400_000, 3_600_000),
    'Longest delay between two webhook attempts.',
  ),
  WEBHOOK_TIMEOUT_MS: variable(int(100, 60_000, 10_000), 'Timeout of one webhook request.'),
  DELIVERY_POLL_INTERVAL_MS: variable(
    int(10, 60_000, 250),
    'How often the delivery worker looks for due deliveries when idle.',
  ),
  DELIVERY_CONCURRENCY: variable(
    int(1, 256, 16),
    'Webhook requests in flight at once (each case still in order).',
  ),
  STATISTICS_MIN_CELL: variable(
    int(2, 100, 5),
    'Aggregate cells counting fewer people than this are suppressed.',
  ),
};

export type PartnerGatewayConfig = ConfigOf<typeof partnerGatewayConfigSpec>;
