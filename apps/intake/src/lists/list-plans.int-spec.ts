import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateReturnees } from '@reintegra/demo-data';
import { serviceDataSourceOptions, runMigrations } from '@reintegra/platform-database';
import { testDatabaseUrl } from '@reintegra/testing';
import { intakeDataSource } from '../database/intake-data-source';
import { type ListFilter, listSql } from './list.queries';

/**
 * The list queries on a few thousand people use the indexes (EXPLAIN ANALYZE). The people are
 * added in a transaction that is rolled back, so the test database keeps nothing.
 */
const PEOPLE = 6000;
const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

// Either list index may serve a municipality's page (the planner weighs the date range).
const BY_DATE = ['return_episodes_return_date'];
const BY_MUNICIPALITY_OR_DATE = ['return_episodes_municipality_return_date', ...BY_DATE];

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

let dataSource: DataSource;

beforeAll(async () => {
  await runMigrations(
    serviceDataSourceOptions(intakeDataSource(testDatabaseUrl('intake', 'migrator'))),
  );
  dataSource = new DataSource({
    type: 'postgres',
    // The owner: ANALYZE and GIN upkeep need it (the rows are rolled back all the same).
    url: testDatabaseUrl('intake', 'migrator'),
  });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
});

it('answers every list query from an index, in milliseconds', async () => {
  const runner = dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    const people = generateReturnees({
      seed: 'list-plans',
      count: PEOPLE,
      until: '2026-11-20',
      days: 365,
    });
    const ids = people.map(() => randomUUID());
    const column = <T>(pick: (p: (typeof people)[number]['registration']) => T) =>
      people.map((p) => pick(p.registration));
    await runner.query(
      `INSERT INTO returnees (id, dui, first_names, last_names, date_of_birth, gender, created_at)
       SELECT u.id, CASE WHEN EXISTS (SELECT 1 FROM returnees r WHERE r.dui = u.dui) THEN NULL ELSE u.dui END,
              u.first_names, u.last_names, u.date_of_birth, u.gender, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[])
           AS u (id, dui, first_names, last_names, date_of_birth, gender)`,
      [
        ids,
        column((p) => p.dui ?? null),
        column((p) => p.firstNames),
        column((p) => p.lastNames),
        column((p) => p.dateOfBirth),
        column((p) => p.gender),
      ],
    );
    await runner.query(
      `INSERT INTO return_episodes (id, returnee_id, episode_number, return_date, country_returned_from,
         reception_point, municipality_code, district_code, minor, registered_at)
       SELECT gen_random_uuid(), id, 1, d, c, r, m, dc, false, now()
         FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u (id, d, c, r, m, dc)`,
      [
        ids,
        column((p) => p.returnDate),
        column((p) => p.countryReturnedFrom),
        column((p) => p.receptionPoint),
        column((p) => p.municipalityCode),
        column((p) => p.districtCode),
      ],
    );
    // As autovacuum would have done by now: new trigram entries moved into the index proper.
    await runner.query(`SELECT gin_clean_pending_list('returnees_name_trgm')`);
    await runner.query('ANALYZE returnees');
    await runner.query('ANALYZE return_episodes');

    const queries: Array<[string, ListFilter, string[]]> = [
      ['cases, national, first page', { limit: 25 }, BY_DATE],
      [
        'cases, one municipality',
        { limit: 25, municipality: LA_PAZ_ESTE },
        BY_MUNICIPALITY_OR_DATE,
      ],
      [
        'cases, municipality and dates, next page',
        {
          limit: 25,
          municipality: LA_PAZ_ESTE,
          returnedFrom: '2026-06-01',
          returnedTo: '2026-09-30',
          cursor: { returnDate: '2026-09-15', id: randomUUID() },
        },
        BY_MUNICIPALITY_OR_DATE,
      ],
      [
        'returnees, one municipality',
        { limit: 25, municipality: LA_PAZ_ESTE, latestOnly: true },
        BY_MUNICIPALITY_OR_DATE,
      ],
      [
        'returnees, name search',
        { limit: 25, latestOnly: true, q: 'Landaverde Quintanilla' },
        ['returnees_name_trgm'],
      ],
      [
        'returnees, similar names (typos)',
        { limit: 25, latestOnly: true, q: 'Landaverd Quintanila', match: 'similar' },
        ['returnees_name_trgm'],
      ],
      [
        'returnees, DUI prefix',
        { limit: 25, latestOnly: true, q: '0123' },
        ['returnees_dui_prefix'],
      ],
    ];
    for (const [label, filter, indexes] of queries) {
      const { sql, params } = listSql(filter);
      const [explained] = (await runner.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        params,
      )) as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }>;
      }>;
      const plan = explained?.['QUERY PLAN'][0];
      if (!plan) throw new Error(`no plan for ${label}`);
      const nodes = nodesOf(plan.Plan);
      const used = nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []));
      const seqScans = nodes
        .filter((node) => node['Node Type'] === 'Seq Scan')
        .map((node) => node['Relation Name']);
      console.log(
        `${label}: ${plan['Execution Time'].toFixed(2)} ms, indexes ${[...new Set(used)].join(', ')}${seqScans.length ? `; seq scans ${seqScans.join(', ')}` : ''}`,
      );
      expect(used.some((index) => indexes.includes(index))).toBe(true);
      // The searched table is never scanned whole. A joined table may be when the planner's
      // statistics (not refreshed inside this rolled-back transaction) call it small.
      expect(seqScans).not.toContain('returnees');
    }
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
