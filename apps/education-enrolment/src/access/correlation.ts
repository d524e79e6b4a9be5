import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The caller's `x-correlation-id` when it is a UUID, else a new one (events require a UUID). */
export const correlationIdFrom = (header: string | undefined) =>
  header && UUID.test(header) ? header : randomUUID();
