import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from './data-source';

/** serviceDataSourceOptions on a real PostgreSQL (database platform_test): settings reach every connection. */
const url = `postgres://platform_app:platform_app_pw@${process.env['PG_HOST']}:${process.env['PG_PORT']}/platform_test`;

async function parallelWorkersSeen(parallelWorkers?: number): Promise<string[]> {
  const dataSource = await new DataSource(
    serviceDataSourceOptions({
      url,
      entities: [],
      migrations: [],
      applicationName: 'platform-test',
      poolSize: 3,
      parallelWorkers,
    }),
  ).initialize();
  try {
    // Three at once: each holds its own pooled connection.
    const rows = await Promise.all(
      [1, 2, 3].map(() =>
        dataSource.query<{ value: string }[]>(
          `SELECT current_setting('max_parallel_workers_per_gather') AS value, pg_sleep(0.05)`,
        ),
      ),
    );
    return rows.map(([row]) => row?.value ?? '');
  } finally {
    await dataSource.destroy();
  }
}

it('sets max_parallel_workers_per_gather on every pooled connection', async () => {
  expect(await parallelWorkersSeen(0)).toEqual(['0', '0', '0']);
  expect(await parallelWorkersSeen(3)).toEqual(['3', '3', '3']);
});

it("keeps the server's setting when none is given", async () => {
  const [server] = await parallelWorkersSeen(undefined);
  expect(server).toMatch(/^\d+$/);
  expect(await parallelWorkersSeen(undefined)).toEqual([server, server, server]);
});
