import type { DataSource } from 'typeorm';

/**
 * Anonymous refusals counted from the minute of `since` on (tests take the difference of two
 * readings: nothing else writes while a test holds the integration lock).
 */
export async function anonymousRefusalTotal(
  db: DataSource,
  since: Date,
  where: { routeFamily?: string; reason?: string } = {},
): Promise<number> {
  const [row] = (await db.query(
    `SELECT coalesce(sum(count), 0)::int AS n FROM anonymous_refusals
      WHERE minute >= date_trunc('minute', $1::timestamptz)
        AND ($2::text IS NULL OR route_family = $2) AND ($3::text IS NULL OR reason = $3)`,
    [since, where.routeFamily ?? null, where.reason ?? null],
  )) as Array<{ n: number }>;
  return row?.n ?? 0;
}
