import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentOf, draftOf, planFieldPaths } from './plan-draft';
import {
  answersOf,
  errorsAt,
  fieldPaths,
  latestVersion,
  type Questionnaire,
  summaryOf,
} from './questionnaire';
import { type Consent, type Plan, type Referral, referralsStoppedBy } from './workspace-data';

// Intake's published questionnaire files: the form must draw every item type they use.
const versions = join(__dirname, '../../../../intake/src/questionnaires/versions');
const published: Questionnaire[] = readdirSync(versions).map(
  (file) => JSON.parse(readFileSync(join(versions, file), 'utf8')) as Questionnaire,
);
const DRAWN = ['single-choice', 'multi-choice', 'yes-no', 'scale', 'number', 'isco-occupations'];
const questionnaire = published.find((q) => q.version === '2026-11') as Questionnaire;

describe('the needs assessment form', () => {
  it('draws every item type of every published questionnaire', () => {
    const used = new Set(
      published.flatMap((q) => q.sections.flatMap((s) => s.items.map((i) => i.type))),
    );
    expect([...used].filter((type) => !DRAWN.includes(type))).toEqual([]);
    expect(latestVersion(published)).toBe('2026-11');
  });

  it('sends typed answers, leaves unanswered items out and drops the screening unless asked', () => {
    const form = {
      'currently-working': 'looking-for-work',
      'income-sources': ' 2 ',
      'debt-months-of-income': '1,5',
      'economic-satisfaction': '3',
      'wants-training': 'yes',
      'can-read-write': 'no',
      'certifications-held': ['driving-licence'],
      'documents-held': [],
      'has-dui': '',
      occupations: [{ code: '7115', years: '4', abroad: true }],
      'feels-threatened-now': 'no',
    };
    const general = {
      'currently-working': 'looking-for-work',
      'income-sources': 2,
      'debt-months-of-income': 1.5,
      'economic-satisfaction': 3,
      'wants-training': true,
      'can-read-write': false,
      'certifications-held': ['driving-licence'],
      occupations: [{ code: '7115', yearsOfExperience: 4, learnedAbroad: true }],
    };
    expect(answersOf(questionnaire, form, false)).toEqual(general);
    expect(answersOf(questionnaire, form, true)).toEqual({
      ...general,
      'feels-threatened-now': false,
    });
  });

  it('sends what is not a number as typed, so that intake names the field', () => {
    expect(answersOf(questionnaire, { 'income-sources': 'dos' }, false)).toEqual({
      'income-sources': 'dos',
    });
  });

  it('puts each error beside its field, entries of trades by position', () => {
    const problem = {
      status: 400,
      code: 'request.invalid',
      title: 'x',
      errors: [
        { field: 'answers.income-sources', message: 'Debe ser un número entero entre 0 y 10.' },
        { field: 'answers.occupations.0.code', message: 'Código CIUO-08 desconocido.' },
        { field: 'questionnaireVersion', message: 'No existe.' },
      ],
    };
    const form = { occupations: [{ code: '9999', years: '1', abroad: false }] };
    expect(errorsAt(problem, 'answers.occupations.0.code')).toEqual([
      'Código CIUO-08 desconocido.',
    ]);
    expect(summaryOf(problem, fieldPaths(questionnaire, form), 'Revise los campos.')).toEqual({
      ...problem,
      title: 'Revise los campos.',
      errors: [{ field: 'questionnaireVersion', message: 'No existe.' }],
    });
    const conflict = { status: 409, code: 'x', title: 'Ya existe' };
    expect(summaryOf(conflict, [], 'Revise los campos.')).toBe(conflict);
  });
});

describe('the plan form', () => {
  const plan: Plan = {
    id: 'p',
    status: 'draft',
    version: 2,
    goals: { economic: [{ description: 'Empleo formal', targetDate: '2027-03-01' }] },
    proposedReferrals: [
      {
        service: 'employment',
        priority: 'urgent',
        providerIds: ['oficina-empleo-la-paz-este', 'otra'],
        reasonCode: 'seeks-employment',
      },
    ],
    submittedAt: null,
    approvedAt: null,
    lastRejection: null,
    referralOutcomes: null,
  };

  it('round-trips a stored plan and leaves empty dimensions and dates out', () => {
    const draft = draftOf(plan);
    expect(draft.referrals[0]?.provider).toBe('oficina-empleo-la-paz-este, otra');
    draft.goals.social.push({ description: 'Vivienda', targetDate: '' });
    expect(contentOf(draft)).toEqual({
      goals: {
        economic: [{ description: 'Empleo formal', targetDate: '2027-03-01' }],
        social: [{ description: 'Vivienda' }],
      },
      proposedReferrals: plan.proposedReferrals,
    });
    expect(planFieldPaths(draft)).toContain('proposedReferrals.0.providerIds');
    expect(planFieldPaths(draft)).toContain('goals.social.0.description');
  });
});

describe('consent withdrawal', () => {
  const consent = (purpose: string, scope: string | null): Consent => ({
    id: purpose,
    purpose,
    scope,
    formVersion: 'v1',
    grantedAt: '2026-12-01T10:00:00Z',
    withdrawnAt: null,
    active: true,
  });
  const referral = (id: string, service: string, status: string) =>
    ({ id, service, status }) as Referral;
  const referrals = [
    referral('a', 'employment', 'accepted'),
    referral('b', 'employment', 'completed'),
    referral('c', 'education', 'sent'),
  ];

  it('lists the open referrals of the consent’s service, and none for other purposes', () => {
    expect(
      referralsStoppedBy(consent('service-referral', 'employment'), referrals).map((r) => r.id),
    ).toEqual(['a']);
    expect(referralsStoppedBy(consent('contact', null), referrals)).toEqual([]);
  });
});
