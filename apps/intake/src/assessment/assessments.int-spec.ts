import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  assessmentCompletedV1,
  parseEvent,
  scoreComputedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually, testToken, TopicRecorder } from '@reintegra/testing';
import { currentScoring } from '../scoring/scoring-versions';
import { computeSustainabilityScore } from '../scoring/sustainability-score';
import { moveCase } from '../testing/case-flow-fixtures';
import { startIntakeForTest } from '../testing/intake-test-bed';
import {
  call,
  MUNICIPALITY,
  november2026Answers,
  registerCase,
  SCREENING_ITEMS,
  writtenRows,
} from '../testing/assessment-fixtures';
import { questionnaire } from '../questionnaires/questionnaires';

/**
 * Needs assessment end to end: answers validated against their questionnaire version, the case
 * moved to `assessed`, scores stored and published (never answers), screening answers kept apart.
 */
const stack = currentTestStack();
let app: INestApplication;
let url: string;
let dataSource: DataSource;
let recorder: TopicRecorder;
let officer: string;

type Json = Record<string, unknown>;
const screeningOnly = Object.fromEntries(
  Object.entries(november2026Answers).filter(([id]) => SCREENING_ITEMS.includes(id)),
);
const generalOnly = Object.fromEntries(
  Object.entries(november2026Answers).filter(([id]) => !SCREENING_ITEMS.includes(id)),
);

const post = (path: string, body: unknown, token = officer, language = 'es') =>
  call<Json>(url, 'POST', path, token, body, language);
const get = <T = Json>(path: string, token = officer) => call<T>(url, 'GET', path, token);

const eventsOf = (caseId: string) =>
  recorder.messages
    .filter((m) => m.key === caseId)
    .map((m) => ({ raw: m.value ?? '', parsed: parseEvent(m.value) }));

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  recorder = new TopicRecorder(stack.kafkaBrokers, [TOPICS.intakeReturnees]);
  await recorder.start();
  ({ app, url } = await startIntakeForTest());
  dataSource = app.get(DataSource);
});

afterAll(async () => {
  await recorder?.stop();
  await app?.close();
});

describe('questionnaires', () => {
  it('lists the published versions and serves each definition', async () => {
    const list = await get<Array<{ version: string }>>('/questionnaires');
    expect(list.status).toBe(200);
    expect(list.body.map((q) => q.version)).toEqual(['2026-05', '2026-11']);
    const one = await get<{ version: string; sections: Array<{ id: string }> }>(
      '/questionnaires/2026-11',
    );
    expect(one.status).toBe(200);
    expect(one.body.sections.map((s) => s.id)).toContain('violence-screening');
    const missing = await get('/questionnaires/1999-01');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'questionnaire.not-found' });
  });
});

describe('initial assessment', () => {
  let caseId: string;
  let assessmentId: string;

  beforeAll(async () => {
    caseId = await registerCase(url, officer);
  });

  it('stores the answers with their version, scores them and moves the case to assessed', async () => {
    const before = await writtenRows(dataSource, caseId);
    expect(before.status).toBe('open');
    const completed = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: november2026Answers,
    });
    expect(completed.status).toBe(201);
    assessmentId = completed.body['id'] as string;
    const expected = computeSustainabilityScore(
      currentScoring(),
      questionnaire('2026-11'),
      generalOnly,
    );
    expect(expected.scores.incompleteDimensions).toEqual([]);
    expect(completed.body).toMatchObject({
      caseId,
      questionnaireVersion: '2026-11',
      wave: null,
      screening: { completed: true, suggestsVictimSupport: true },
      answers: generalOnly,
      scores: [
        {
          purpose: 'baseline',
          questionnaireVersion: '2026-11',
          scoringVersion: 'equal-weights-1',
          scores: expected.scores,
          riskLevel: expected.riskLevel,
        },
      ],
    });
    const { scores } = (completed.body['scores'] as Array<{ scores: Json }>)[0];
    for (const dimension of ['economic', 'social', 'psychosocial', 'composite'])
      expect(scores[dimension]).toEqual(expect.any(Number));
    for (const item of SCREENING_ITEMS) expect(completed.text).not.toContain(item);
    expect(await writtenRows(dataSource, caseId)).toMatchObject({
      assessments: 1,
      screenings: 1,
      scores: 1,
      status: 'assessed',
    });
  });

  it('publishes assessment-completed and score-computed, valid against the catalogue, without answers', async () => {
    const events = await eventually(() => {
      const found = eventsOf(caseId).filter(
        (e) =>
          e.parsed.ok &&
          [assessmentCompletedV1.type, scoreComputedV1.type].includes(e.parsed.event.type),
      );
      expect(found).toHaveLength(2);
      return found;
    });
    const byType = Object.fromEntries(
      events.map((e) => [e.parsed.ok ? e.parsed.event.type : '', e]),
    );
    expect(byType[assessmentCompletedV1.type].parsed).toMatchObject({
      ok: true,
      event: {
        subject: caseId,
        data: {
          caseId,
          assessmentId,
          questionnaireVersion: '2026-11',
          scoringVersion: 'equal-weights-1',
          riskLevel: expect.stringMatching(/^(low|medium|high)$/),
        },
      },
    });
    expect(byType[scoreComputedV1.type].parsed).toMatchObject({
      ok: true,
      event: { data: { caseId, assessmentId, purpose: 'baseline' } },
    });
    for (const { raw } of events) {
      expect(raw).not.toMatch(/"answers"/);
      for (const id of [...Object.keys(november2026Answers), '7115', 'informal-work'])
        expect(raw).not.toContain(id);
    }
    // The status change from the lifecycle service travels with them.
    expect(
      eventsOf(caseId).some(
        (e) =>
          e.parsed.ok &&
          e.parsed.event.type === 'sv.reintegra.case.status-changed.v1' &&
          (e.parsed.event.data as Json)['to'] === 'assessed',
      ),
    ).toBe(true);
  });

  it('shows the screening only as completed / suggests victim support in every general read', async () => {
    const list = await get<Json[]>(`/cases/${caseId}/assessments`);
    const one = await get(`/cases/${caseId}/assessments/${assessmentId}`);
    const scores = await get<Json[]>(`/cases/${caseId}/scores`);
    for (const read of [list, one, scores]) {
      expect(read.status).toBe(200);
      for (const item of SCREENING_ITEMS) expect(read.text).not.toContain(item);
    }
    expect(list.body).toEqual([
      expect.objectContaining({
        id: assessmentId,
        screening: { completed: true, suggestsVictimSupport: true },
      }),
    ]);
    expect(one.body).toMatchObject({ answers: generalOnly });
    expect(scores.body).toEqual([
      expect.objectContaining({ assessmentId, purpose: 'baseline', wave: null }),
    ]);
    const [stored] = await dataSource.query(
      `SELECT a.answers AS general, s.answers AS screening
         FROM assessments a JOIN assessment_screenings s ON s.assessment_id = a.id WHERE a.id = $1`,
      [assessmentId],
    );
    expect(stored).toEqual({ general: generalOnly, screening: screeningOnly });
  });

  it('re-assesses before the plan is approved and keeps the case assessed', async () => {
    const again = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-05',
      answers: { 'has-dui': true, 'economic-satisfaction': 3 },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      screening: { completed: false, suggestsVictimSupport: false },
      scores: [{ scores: { incompleteDimensions: ['economic', 'social', 'psychosocial'] } }],
    });
    expect(await writtenRows(dataSource, caseId)).toMatchObject({
      assessments: 2,
      screenings: 1,
      status: 'assessed',
    });
  });

  it('404s an assessment of another case', async () => {
    const other = await registerCase(url, officer);
    const read = await get(`/cases/${other}/assessments/${assessmentId}`);
    expect(read.status).toBe(404);
  });
});

describe('bad assessment requests: a clear 4xx and nothing written', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await registerCase(url, officer);
  });

  const refuse = async (body: unknown, token = officer, id = caseId, language = 'es') => {
    const before = await writtenRows(dataSource, id);
    const response = await post(`/cases/${id}/assessments`, body, token, language);
    expect(await writtenRows(dataSource, id)).toEqual(before);
    return response;
  };

  it('refuses a questionnaire version that does not exist, naming the versions', async () => {
    const response = await refuse({ questionnaireVersion: '2019-01', answers: {} });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([
      { field: 'questionnaireVersion', message: expect.stringContaining('2026-05, 2026-11') },
    ]);
  });

  it('refuses invalid answers, each named by field, in the caller’s language', async () => {
    const body = {
      questionnaireVersion: '2026-05',
      answers: {
        'currently-working': 'astronaut',
        'debt-months-of-income': 3, // asked only from 2026-11 on
        occupations: [{ code: '9999', yearsOfExperience: 2, learnedAbroad: false }],
        'violence-at-home': 'perhaps',
      },
    };
    const spanish = await refuse(body);
    expect(spanish.status).toBe(400);
    const fields = (spanish.body['errors'] as Array<{ field: string }>).map((e) => e.field);
    expect(fields.sort()).toEqual([
      'answers.currently-working',
      'answers.debt-months-of-income',
      'answers.occupations.0.code',
      'answers.violence-at-home',
    ]);
    expect(spanish.text).toContain('Elija una de estas opciones');
    expect(spanish.text).not.toContain('perhaps');
    const english = await refuse(body, officer, caseId, 'en');
    expect(english.text).toContain('does not exist in questionnaire version 2026-05');
  });

  it('refuses an assessment of another municipality’s case', async () => {
    const elsewhere = await testToken({
      roles: ['intake-officer'],
      municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
    });
    const response = await refuse(
      { questionnaireVersion: '2026-11', answers: november2026Answers },
      elsewhere,
    );
    expect(response.status).toBe(403);
  });

  it.each([
    ['plan-approved', ['assessed', 'plan-approved']],
    ['closed', ['closed']],
  ] as const)('refuses an initial assessment on a %s case (409)', async (status, path) => {
    const id = await registerCase(url, officer);
    await moveCase(app, id, ...path);
    const response = await refuse(
      { questionnaireVersion: '2026-11', answers: november2026Answers },
      officer,
      id,
    );
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'case.illegal-transition', currentStatus: status });
  });

  it('refuses a follow-up wave the path has not called for', async () => {
    const response = await refuse({ questionnaireVersion: '2026-11', answers: {}, wave: 1 });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'assessment.follow-up-not-due',
      currentStatus: 'open',
      wavesDue: 0,
    });
  });
});

describe('follow-up re-assessment', () => {
  it('records wave n once the path called for it, without changing the status', async () => {
    const caseId = await registerCase(url, officer);
    await moveCase(app, caseId, 'assessed', 'plan-approved', 'follow-up');
    // What intake records when the path publishes path.follow-up-due for wave 1.
    await dataSource.query(`UPDATE return_episodes SET follow_up_waves_due = 1 WHERE id = $1`, [
      caseId,
    ]);
    const notYet = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: november2026Answers,
      wave: 2,
    });
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({ code: 'assessment.follow-up-not-due', wavesDue: 1 });
    const wave = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: november2026Answers,
      wave: 1,
    });
    expect(wave.status).toBe(201);
    expect(wave.body).toMatchObject({ wave: 1, scores: [{ purpose: 'follow-up', wave: 1 }] });
    expect((await writtenRows(dataSource, caseId)).status).toBe('follow-up');
    await eventually(() => {
      const completed = eventsOf(caseId).find(
        (e) => e.parsed.ok && e.parsed.event.type === assessmentCompletedV1.type,
      );
      expect(completed?.parsed).toMatchObject({ ok: true, event: { data: { wave: 1 } } });
    });

    const before = await writtenRows(dataSource, caseId);
    const repeated = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: {},
      wave: 1,
    });
    expect(repeated.status).toBe(409);
    expect(repeated.body).toMatchObject({ code: 'assessment.wave-recorded' });
    expect(await writtenRows(dataSource, caseId)).toEqual(before);
  });
});

describe('who may call the assessment routes', () => {
  let caseId: string;
  let assessmentId: string;

  beforeAll(async () => {
    caseId = await registerCase(url, officer);
    const completed = await post(`/cases/${caseId}/assessments`, {
      questionnaireVersion: '2026-11',
      answers: { 'has-dui': true },
    });
    assessmentId = completed.body['id'] as string;
  });

  const token = (role: Parameters<typeof testToken>[0]['roles'][number], municipality?: string) =>
    testToken({ roles: [role], ...(municipality ? { municipalityCode: municipality } : {}) });

  it.each([
    ['intake-officer', MUNICIPALITY, 200],
    ['supervisor', MUNICIPALITY, 200],
    ['national-supervisor', undefined, 200],
    ['supervisor', 'SV-SS-SAN-SALVADOR-CENTRO', 403],
    ['employment-caseworker', MUNICIPALITY, 403],
    ['victim-support-counsellor', undefined, 403],
    ['partner', undefined, 403],
    ['admin', undefined, 403],
  ] as const)('reads of cases: %s (%s) → %i', async (role, municipality, status) => {
    const authorization = await token(role, municipality);
    for (const path of [
      `/cases/${caseId}/assessments`,
      `/cases/${caseId}/assessments/${assessmentId}`,
      `/cases/${caseId}/scores`,
    ])
      expect({ path, status: (await get(path, authorization)).status }).toEqual({ path, status });
  });

  it.each([
    ['supervisor', MUNICIPALITY],
    ['national-supervisor', undefined],
    ['admin', undefined],
    ['victim-support-counsellor', undefined],
  ] as const)('only intake officers record assessments: %s → 403', async (role, municipality) => {
    const before = await writtenRows(dataSource, caseId);
    const response = await post(
      `/cases/${caseId}/assessments`,
      { questionnaireVersion: '2026-11', answers: {} },
      await token(role, municipality),
    );
    expect(response.status).toBe(403);
    expect(await writtenRows(dataSource, caseId)).toEqual(before);
  });

  it.each([
    ['intake-officer', 200],
    ['victim-support-supervisor', 200],
    ['employment-caseworker', 403],
    ['partner', 403],
  ] as const)('questionnaires: %s → %i', async (role, status) => {
    expect((await get('/questionnaires', await token(role, MUNICIPALITY))).status).toBe(status);
  });

  it.each(['intake-officer', 'supervisor', 'victim-support-supervisor', 'partner'] as const)(
    're-scoring is for admin and national supervisors: %s → 403',
    async (role) => {
      const response = await post(
        '/scores/rescore',
        { scoringVersion: 'economic-priority-1', caseId },
        await token(role, MUNICIPALITY),
      );
      expect(response.status).toBe(403);
    },
  );
});
