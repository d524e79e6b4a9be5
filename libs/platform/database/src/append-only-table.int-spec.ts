import { DataSource } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from './append-only-table';

/** makeAppendOnly on a real PostgreSQL (database platform_test): the app appends and reads, nobody rewrites. */
const url = (role: 'app' | 'migrator') =>
  `postgres://platform_${role}:platform_${role}_pw@${process.env['PG_HOST']}:${process.env['PG_PORT']}/platform_test`;

let migrator: DataSource;
let app: DataSource;

beforeAll(async () => {
  migrator = await new DataSource({ type: 'postgres', url: url('migrator') }).initialize();
  await migrator.query('DROP TABLE IF EXISTS test_audit_trail');
  const runner = migrator.createQueryRunner();
  await dropAppendOnly(runner, 'test_audit_trail');
  await runner.query(
    'CREATE TABLE test_audit_trail (seq bigserial PRIMARY KEY, action text NOT NULL)',
  );
  await makeAppendOnly(runner, 'test_audit_trail');
  await runner.release();
  app = await new DataSource({ type: 'postgres', url: url('app') }).initialize();
});

afterAll(async () => {
  await app?.destroy();
  await migrator?.destroy();
});

it('lets the application role append and read', async () => {
  await app.query(`INSERT INTO test_audit_trail (action) VALUES ('case.closed')`);
  expect(await app.query('SELECT action FROM test_audit_trail')).toEqual([
    { action: 'case.closed' },
  ]);
});

it.each([
  ['UPDATE', `UPDATE test_audit_trail SET action = 'changed'`],
  ['DELETE', 'DELETE FROM test_audit_trail'],
  ['TRUNCATE', 'TRUNCATE test_audit_trail'],
])('refuses %s to the application role and to the owner', async (_verb, sql) => {
  await expect(app.query(sql)).rejects.toThrow(/permission denied/);
  await expect(migrator.query(sql)).rejects.toThrow(/test_audit_trail is append-only/);
  expect(await app.query('SELECT count(*)::int AS n FROM test_audit_trail')).toEqual([{ n: 1 }]);
});

it('refuses a table name that is not a plain identifier', async () => {
  const runner = migrator.createQueryRunner();
  await expect(makeAppendOnly(runner, 'audit; DROP TABLE x')).rejects.toThrow(/plain table name/);
  await runner.release();
});
