import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from './data-source';
import { preparedQuery } from './prepared-query';

/** preparedQuery on a real PostgreSQL (database platform_test): prepared once per connection, in the caller's transaction. */
const url = `postgres://platform_app:platform_app_pw@${process.env['PG_HOST']}:${process.env['PG_PORT']}/platform_test`;

describe('preparedQuery', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(
      serviceDataSourceOptions({
        url,
        entities: [],
        migrations: [],
        applicationName: 'platform-test',
        poolSize: 1,
      }),
    ).initialize();
  });

  afterAll(() => dataSource.destroy());

  const prepared = () =>
    dataSource.query<{ name: string }[]>(
      `SELECT name FROM pg_prepared_statements WHERE name = 'prepared-query-test'`,
    );

  it('prepares the statement once on the connection and answers every call', async () => {
    const answers = [];
    for (const value of [1, 2, 3]) {
      answers.push(
        await preparedQuery<{ doubled: number }>(
          dataSource.manager,
          'prepared-query-test',
          'SELECT $1::int * 2 AS doubled',
          [value],
        ),
      );
    }
    expect(answers).toEqual([[{ doubled: 2 }], [{ doubled: 4 }], [{ doubled: 6 }]]);
    // One pooled connection: the statement the helper prepared is still there for the next call.
    expect(await prepared()).toHaveLength(1);
  });

  it("runs in the caller's transaction", async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const [{ id }] = await runner.query(`SELECT txid_current()::text AS id`);
      const seen = await preparedQuery<{ id: string }>(
        runner.manager,
        'prepared-query-transaction',
        'SELECT txid_current()::text AS id',
        [],
      );
      expect(seen).toEqual([{ id }]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
