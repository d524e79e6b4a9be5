import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseEvent, scoreComputedV1, TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  testDatabaseUrl,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';
import {
  call,
  MUNICIPALITY,
  november2026Answers,
  registerCase,
} from '../testing/assessment-fixtures';
import { startIntakeForTest } from '../testing/intake-test-bed';
import { rescoreCommand } from '../rescore-command';

/** Re-scoring adds scores under another scoring version and never touches the originals. */
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let dataSource: DataSource;
let recorder: TopicRecorder;
let officer: string;
let national: string;
let caseId: string;

type Json = Record<string, unknown>;
type ScoreView = { id: string; purpose: string; scoringVersion: string; scores: Json };

const storedRows = (id: string) =>
  dataSource.query(
    `SELECT s.*, a.answers FROM sustainability_scores s JOIN assessments a ON a.id = s.assessment_id
      WHERE s.case_id = $1 ORDER BY s.computed_at, s.id`,
    [id],
  ) as Promise<Json[]>;

const reScoreEvents = () =>
  recorder.messages
    .filter((m) => m.key === caseId)
    .map((m) => parseEvent(m.value))
    .filter(
      (p) =>
        p.ok &&
        p.event.type === scoreComputedV1.type &&
        (p.event.data as Json)['purpose'] === 're-score',
    );

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  national = await testToken({ roles: ['national-supervisor'] });
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeReturnees]);
  await recorder.start();
  ({ app, url } = await startIntakeForTest());
  dataSource = app.get(DataSource);
  caseId = await registerCase(url, officer);
  for (const [questionnaireVersion, answers] of [
    ['2026-11', november2026Answers],
    ['2026-05', { 'has-dui': true, 'feels-safe': 4 }],
  ] as const) {
    const response = await call(url, 'POST', `/cases/${caseId}/assessments`, officer, {
      questionnaireVersion,
      answers,
    });
    expect(response.status).toBe(201);
  }
});

afterAll(async () => {
  await recorder?.stop();
  await app?.close();
});

describe('re-score', () => {
  it('adds re-score rows under the new version and keeps the originals as they were', async () => {
    const originals = await storedRows(caseId);
    expect(originals.map((r) => r['purpose'])).toEqual(['baseline', 'baseline']);

    const response = await call<Json>(url, 'POST', '/scores/rescore', national, {
      scoringVersion: 'economic-priority-1',
      caseId,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      scoringVersion: 'economic-priority-1',
      total: 2,
      processed: 2,
      rescored: 2,
      alreadyScored: 0,
      notCovered: 0,
    });

    const after = await storedRows(caseId);
    expect(after.slice(0, 2)).toEqual(originals);
    expect(after.slice(2)).toEqual([
      expect.objectContaining({ purpose: 're-score', scoring_version: 'economic-priority-1' }),
      expect.objectContaining({ purpose: 're-score', scoring_version: 'economic-priority-1' }),
    ]);
    const scores = await call<ScoreView[]>(url, 'GET', `/cases/${caseId}/scores`, officer);
    const full = scores.body.filter((s) => s.scores['composite'] !== undefined);
    expect(full.map((s) => [s.purpose, s.scoringVersion])).toEqual([
      ['baseline', 'equal-weights-1'],
      ['re-score', 'economic-priority-1'],
    ]);
    // Economic weighs double in the new version, so the composite moves.
    expect(full[0].scores['composite']).not.toBe(full[1].scores['composite']);

    await eventually(() => expect(reScoreEvents()).toHaveLength(2));
    for (const event of reScoreEvents())
      expect(event).toMatchObject({
        ok: true,
        event: { data: { caseId, scoringVersion: 'economic-priority-1', purpose: 're-score' } },
      });
  });

  it('adds nothing when repeated, and the stored answers cannot be rewritten', async () => {
    const before = await storedRows(caseId);
    const again = await call<Json>(url, 'POST', '/scores/rescore', national, {
      scoringVersion: 'economic-priority-1',
      caseId,
    });
    expect(again.body).toMatchObject({ rescored: 0, alreadyScored: 2 });
    expect(await storedRows(caseId)).toEqual(before);
    await expect(
      dataSource.query(`UPDATE assessments SET answers = '{}' WHERE case_id = $1`, [caseId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      dataSource.query(`UPDATE sustainability_scores SET composite = 1 WHERE case_id = $1`, [
        caseId,
      ]),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses an unknown scoring version and an unknown case', async () => {
    const unknown = await call<Json>(url, 'POST', '/scores/rescore', national, {
      scoringVersion: 'official-2030',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body['errors']).toEqual([
      { field: 'scoringVersion', message: expect.stringContaining('equal-weights-1') },
    ]);
    const noCase = await call<Json>(url, 'POST', '/scores/rescore', national, {
      scoringVersion: 'economic-priority-1',
      caseId: '0b6f8a52-8f0e-4a4e-9d8e-3c1f7c2a9b10',
    });
    expect(noCase.status).toBe(404);
  });

  it('runs as a command, in batches, printing its progress', async () => {
    const lines: string[] = [];
    const env = { NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl('intake', 'app') };
    const result = await rescoreCommand(
      ['--scoring-version', 'equal-weights-1', '--case', caseId, '--batch-size', '1'],
      env,
      (line) => lines.push(line),
    );
    // Both assessments were scored under equal-weights-1 when they were recorded.
    expect(result).toMatchObject({ total: 2, processed: 2, rescored: 0, alreadyScored: 2 });
    expect(lines).toEqual([
      'rescore equal-weights-1: 1/2 assessments (0 re-scored, 1 already scored, 0 not covered)',
      'rescore equal-weights-1: 2/2 assessments (0 re-scored, 2 already scored, 0 not covered)',
      'rescore equal-weights-1: 2/2 assessments (0 re-scored, 2 already scored, 0 not covered) — done',
    ]);
    await expect(rescoreCommand(['--scoring-version', 'nope'], env)).rejects.toThrow(
      /unknown scoring version "nope"; known: equal-weights-1, economic-priority-1/,
    );
    await expect(rescoreCommand([], env)).rejects.toThrow(
      /usage: node dist\/apps\/intake\/rescore.js/,
    );
  });
});
