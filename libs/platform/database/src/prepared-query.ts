import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection, not on every call as TypeORM's `query` does. For statements whose planning costs as
 * much as running them — the registration's duplicate check took 1.15 ms unnamed, 0.45 ms
 * prepared. Runs in the manager's transaction when it has one. `name` must be unique per text
 * (a statement name is bound to its SQL on each connection); no pooler in front may drop
 * session state (PgBouncer before 1.21 in transaction mode does).
 */
export async function preparedQuery<Row>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const own = manager.queryRunner ? undefined : manager.connection.createQueryRunner();
  const runner = (manager.queryRunner ?? own) as PostgresQueryRunner;
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query<Row & object>({ name, text, values });
    return result.rows;
  } finally {
    await own?.release();
  }
}
