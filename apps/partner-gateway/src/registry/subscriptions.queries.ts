import { partnerTopicOf } from '@reintegra/event-contracts';

/** A subscription as the API shows it (never its webhook secret). */
export interface SubscriptionView {
  id: string;
  agencyId: string;
  eventTypes: string[];
  municipalityCodes: string[];
  channel: 'kafka' | 'webhook';
  webhookUrl?: string;
  kafkaTopic?: string;
  active: boolean;
  createdAt: string;
}

/** The columns of `subscriptions` a SubscriptionView is made of. */
export interface SubscriptionRow {
  id: string;
  agency_id: string;
  event_types: string[];
  municipality_codes: string[];
  channel: 'kafka' | 'webhook';
  webhook_url: string | null;
  active: boolean;
  created_at: Date;
}

export const toView = (row: SubscriptionRow): SubscriptionView => ({
  id: row.id,
  agencyId: row.agency_id,
  eventTypes: row.event_types,
  municipalityCodes: row.municipality_codes,
  channel: row.channel,
  ...(row.webhook_url ? { webhookUrl: row.webhook_url } : {}),
  ...(row.channel === 'kafka' ? { kafkaTopic: partnerTopicOf(row.agency_id) } : {}),
  active: row.active,
  createdAt: row.created_at.toISOString(),
});
