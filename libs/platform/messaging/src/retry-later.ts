/** PostgreSQL's "cannot connect now", shutdown and connection-exception classes. */
const POSTGRES_UNAVAILABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const NETWORK_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);
/**
 * gRPC UNAVAILABLE: Temporal's frontend down or restarting. Not DEADLINE_EXCEEDED: a workflow no
 * worker serves never answers, and waiting for it in line would stall the partition for ever.
 */
const GRPC_AWAY = new Set([14]);

/**
 * The pg driver's words for a lost connection, and TypeORM's for a transaction whose connection
 * was lost under it: TypeORM releases a query runner when its connection emits an error
 * (PostgresQueryRunner, e.g. after pg_terminate_backend or a failover), and every later query of
 * that transaction fails with these — seen in the cluster failover test. The retry runs on a new
 * connection; the lost transaction was rolled back by the server.
 */
const CONNECTION_LOST =
  /Connection terminated|connection timeout|Client has encountered a connection error|Query runner already released|query runner was already released/i;

/**
 * Whether a failure is an engine being away or overloaded (PostgreSQL restarting, a refused
 * connection, Temporal unavailable) rather than anything about the message:
 * such a failure is waited out, in order, not counted towards dead-lettering. Looks through
 * TypeORM's `driverError` and `cause` chains.
 */
export function isInfrastructureOutage(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth += 1) {
    const failure = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (
      typeof failure.code === 'string' &&
      (POSTGRES_UNAVAILABLE.has(failure.code) || NETWORK_UNAVAILABLE.has(failure.code))
    )
      return true;
    if (typeof failure.code === 'number' && GRPC_AWAY.has(failure.code)) return true;
    if (typeof failure.message === 'string' && CONNECTION_LOST.test(failure.message)) return true;
    current = failure.driverError ?? failure.cause;
  }
  return false;
}

/**
 * Whether the consumer should wait a failure out instead of counting it: only an engine away. An
 * event ahead of the one it needs is never waited for in line (it would hold up every event
 * behind it): its service parks it (the orchestrator's parked_events) or retries it a few times.
 */
export const waitsForRecovery = (error: unknown): boolean => isInfrastructureOutage(error);
