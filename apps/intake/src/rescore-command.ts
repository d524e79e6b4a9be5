import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { databaseConfigSpec, loadConfig } from '@reintegra/platform-config';
import { serviceDataSourceOptions } from '@reintegra/platform-database';
import { eventOriginOf, OutboxWriter } from '@reintegra/platform-messaging';
import { SERVICE_NAME } from './config';
import { intakeDataSource } from './database/intake-data-source';
import { type RescoreProgress, RescoreService } from './scoring/rescore.service';
import { ScoreRecorder } from './scoring/score-recorder.service';
import { findScoringVersion, scoringVersions } from './scoring/scoring-versions';

const USAGE =
  'usage: node dist/apps/intake/rescore.js --scoring-version <version> [--case <caseId>] [--batch-size <n>]';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const progressLine = (p: RescoreProgress) =>
  `rescore ${p.scoringVersion}: ${p.processed}/${p.total} assessments` +
  ` (${p.rescored} re-scored, ${p.alreadyScored} already scored, ${p.notCovered} not covered)`;

/**
 * The `rescore` process: re-scores stored answers under a scoring version with the application
 * role (DML only), writing scores and `score-computed` events to the outbox; the running intake
 * service relays them to Kafka.
 */
export async function rescoreCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  print: (line: string) => void = console.log,
): Promise<RescoreProgress> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'scoring-version': { type: 'string' },
      case: { type: 'string' },
      'batch-size': { type: 'string' },
    },
    strict: true,
  });
  const version = values['scoring-version'];
  if (!version) throw new Error(USAGE);
  if (!findScoringVersion(version)) {
    throw new Error(
      `unknown scoring version "${version}"; known: ${scoringVersions.map((s) => s.version).join(', ')}`,
    );
  }
  const batchSize = values['batch-size'] === undefined ? 200 : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
    throw new Error(`--batch-size must be a whole number from 1 to 5000\n${USAGE}`);
  }
  if (values.case !== undefined && !UUID.test(values.case)) {
    throw new Error(`--case must be a case id (uuid)\n${USAGE}`);
  }
  const config = loadConfig(databaseConfigSpec('intake'), env);
  const dataSource = new DataSource(
    serviceDataSourceOptions(intakeDataSource(config.DATABASE_URL, 2)),
  );
  await dataSource.initialize();
  try {
    const rescoring = new RescoreService(
      dataSource,
      new ScoreRecorder(new OutboxWriter(eventOriginOf(SERVICE_NAME))),
    );
    const result = await rescoring.rescore(
      { scoringVersion: version, ...(values.case ? { caseId: values.case } : {}) },
      { actor: 'system:rescore', correlationId: randomUUID(), batchSize },
      (progress) => print(progressLine(progress)),
    );
    print(`${progressLine(result)} — done`);
    return result;
  } finally {
    await dataSource.destroy();
  }
}
