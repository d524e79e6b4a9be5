// The demo office at every phase: the first people registered in La Paz Este (the demo
// municipality) are moved on through the real APIs, as the officer, the supervisor and the
// employment caseworker of the dev identity would — so the office app and the supervisors'
// dashboard show a working office, not everyone waiting in intake. Idempotent: each step looks at
// where the case stands first and only does what is missing.

import { ASSESSMENT_ANSWERS_2026_11 } from '@reintegra/demo-data';

export interface StoryOptions {
  intake: string;
  employment: string;
  tokenOf: (user: string) => Promise<string>;
}

/** Where each story case is taken, in order (the rest of the people stay registered only). */
export const STORY = [
  'registered',
  'assessed',
  'assessed',
  'plan-submitted',
  'plan-submitted',
  'plan-approved',
  'plan-approved',
  'referral-accepted',
  'referral-accepted',
  'referral-overdue',
  'closed',
  // Appended (not inserted) so an office loaded by an earlier version keeps each case's place.
  'follow-up-due',
  'follow-up-soon',
] as const;
export type StoryPhase = (typeof STORY)[number];

/**
 * Plans approved on paper before the office used the system: the path's first follow-up (91 days
 * after approval) is already due for one, due within the week for the other.
 */
const APPROVED_DAYS_AGO: Partial<Record<StoryPhase, number>> = {
  'follow-up-due': 95,
  'follow-up-soon': 87,
};

const PROVIDER = 'oficina-empleo-la-paz-este';
const DAY = 86_400_000;

const PLAN = {
  goals: {
    economic: [{ description: 'Conseguir empleo formal en construcción' }],
    social: [{ description: 'Participar en una actividad comunitaria del distrito' }],
  },
  proposedReferrals: [
    {
      service: 'employment',
      priority: 'urgent',
      providerIds: [PROVIDER],
      reasonCode: 'seeks-employment',
    },
  ],
};

type Reply = { status: number; etag: string | null; body: Record<string, unknown> };

export async function tellStory(caseIds: readonly string[], options: StoryOptions) {
  const [officer, supervisor, employment] = await Promise.all([
    options.tokenOf('oficial-la-paz-este'),
    options.tokenOf('supervisora-la-paz-este'),
    options.tokenOf('empleo-la-paz-este'),
  ]);
  const call = async (
    base: string,
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: token, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const intake = (method: string, path: string, token: string, body?: unknown, h = {}) =>
    call(options.intake, method, path, token, body, h);
  const expectOk = (reply: Reply, what: string) => {
    if (reply.status >= 300)
      throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  };

  const consent = async (caseId: string, scope: string) => {
    const grant = () =>
      intake('POST', `/cases/${caseId}/consents`, officer, {
        purpose: 'service-referral',
        scope,
        formVersion: 'recepcion-2026-12-v1',
      });
    let granted = await grant();
    if (granted.body['code'] === 'consent.minor-without-guardian') {
      // A minor's consent is their guardian's: the demo mother answers for the child.
      expectOk(
        await intake('PUT', `/cases/${caseId}/guardian`, officer, {
          firstNames: 'Guadalupe',
          lastNames: 'Martínez Rivas',
          capacity: 'parent',
        }),
        'guardian',
      );
      granted = await grant();
    }
    if (granted.status !== 409) expectOk(granted, 'consent');
  };
  const assess = async (caseId: string) => {
    await consent(caseId, 'employment');
    await consent(caseId, 'housing');
    expectOk(
      await intake('POST', `/cases/${caseId}/assessments`, officer, {
        questionnaireVersion: '2026-11',
        answers: ASSESSMENT_ANSWERS_2026_11,
      }),
      'assessment',
    );
  };
  const submitPlan = async (caseId: string) => {
    expectOk(await intake('POST', `/cases/${caseId}/plan`, officer, PLAN), 'plan');
    expectOk(await intake('POST', `/cases/${caseId}/plan/submission`, officer), 'submission');
  };
  /** Approved now, or (a case brought from the office's paper files) on the day it really was. */
  const approvePlan = async (caseId: string, daysAgo = 0) => {
    const plan = expectOk(await intake('GET', `/cases/${caseId}/plan`, supervisor), 'plan read');
    const approvedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
    expectOk(
      await intake(
        'POST',
        `/cases/${caseId}/plan/approval`,
        supervisor,
        daysAgo > 0 ? { approvedAt } : undefined,
        { 'if-match': plan.etag ?? '' },
      ),
      'approval',
    );
  };
  const acceptReferral = async (caseId: string) => {
    const view = expectOk(await intake('GET', `/cases/${caseId}`, officer), 'case read');
    const referral = (view.body['referrals'] as { id: string; service: string }[]).find(
      (r) => r.service === 'employment',
    );
    if (!referral) throw new Error('no employment referral on the approved plan');
    // The referral reaches employment through Kafka: wait for it (the relay polls).
    for (let attempt = 0; attempt < 60; attempt++) {
      const accepted = await call(
        options.employment,
        'POST',
        `/referrals/${referral.id}/acceptance`,
        employment,
      );
      if (accepted.status < 300 || accepted.status === 409) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`employment never received referral ${referral.id}`);
  };
  const overdueReferral = async (caseId: string) => {
    // Made on paper five days ago, recorded now: its 72 h deadline passed, the path escalates.
    expectOk(
      await intake('POST', `/cases/${caseId}/referrals`, officer, {
        service: 'housing',
        priority: 'urgent',
        providerIds: ['vivienda-la-paz-este'],
        reasonCode: 'housing-at-risk',
        requestedAt: new Date(Date.now() - 5 * DAY).toISOString(),
      }),
      'paper referral',
    );
  };
  const close = async (caseId: string) => {
    expectOk(
      await intake('POST', `/cases/${caseId}/closure-proposal`, officer, { reason: 'disengaged' }),
      'closure proposal',
    );
    expectOk(
      await intake('POST', `/cases/${caseId}/closure`, supervisor, { reason: 'disengaged' }),
      'closure',
    );
  };

  const told: Record<string, number> = {};
  for (const [index, phase] of STORY.entries()) {
    const caseId = caseIds[index];
    if (caseId === undefined) break;
    const view = expectOk(await intake('GET', `/cases/${caseId}`, officer), 'case read');
    const status = view.body['status'] as string;
    const planStatus = (view.body['plan'] as { status?: string } | null)?.status;
    const referrals = (view.body['referrals'] as { service: string; status: string }[]) ?? [];
    if (phase === 'closed') {
      if (status !== 'closed') await close(caseId);
    } else if (phase !== 'registered') {
      if (status === 'open') await assess(caseId);
      if (phase !== 'assessed' && planStatus === undefined) await submitPlan(caseId);
      if (phase !== 'assessed' && phase !== 'plan-submitted' && planStatus !== 'approved') {
        await approvePlan(caseId, APPROVED_DAYS_AGO[phase] ?? 0);
      }
      if (phase === 'referral-accepted') await acceptReferral(caseId);
      if (phase === 'referral-overdue' && !referrals.some((r) => r.service === 'housing')) {
        await overdueReferral(caseId);
      }
    }
    told[phase] = (told[phase] ?? 0) + 1;
  }
  return told;
}
