import {
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import {
  referralProgressQuery,
  referralProgressSignal,
  referralStatusUpdate,
  referralStatusUpdateSchema,
  type ReferralProgress,
  type ReferralStatusReport,
  type ReferralWorkflowInput,
  type ReferralWorkflowStatus,
  withdrawReferralSignal,
} from '@reintegra/workflow-contracts';
import {
  NEXT_PROVIDER_ATTEMPTS,
  type PathActivities,
  type PathEventPublication,
} from './path-activities.types';
import { publishPendingPathEvents } from './publish-path-events';

const { nextEligibleProvider } = proxyActivities<PathActivities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumAttempts: NEXT_PROVIDER_ATTEMPTS,
  },
});

const CLOSED: readonly ReferralWorkflowStatus[] = [
  'completed',
  'not-completed',
  'revoked',
  'withdrawn',
];
const HOUR_MS = 60 * 60 * 1000;

/**
 * One referral, closed loop (product brief flow 5): asks its first provider(s) — several at once
 * is a bundle, where the first acceptance wins and the others are withdrawn — and waits for an
 * acknowledgement within the priority's deadline. A missed deadline escalates (event + supervisor
 * alert) and then re-routes to the next provider: the rest of the request's list first, then the
 * service directory's choice. Status reports arrive as updates whose validator rejects illegal ones.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralProgress> {
  const { request } = input;
  const parallel = Math.min(
    request.askInParallel ?? request.providerIds.length,
    request.providerIds.length,
  );
  const queue = request.providerIds.slice(parallel);
  let asked = request.providerIds.slice(0, parallel);
  const waitlisted = new Set<string>();
  const tried = new Set(asked);
  const seen = new Set<string>();
  const pending: PathEventPublication[] = [];
  let status: ReferralWorkflowStatus = 'requested';
  let acceptedBy: string | undefined;
  let acknowledgeBy: string | undefined;
  let overdue = false;
  let escalations = 0;
  let reported = '';
  /** Counts applied status reports, so that one arriving while the loop flushes is not missed. */
  let changes = 0;
  // Before this patch a report applied during a flush (e.g. an acceptance while the 'sent'
  // progress was being signalled) was never passed on to the path: the loop slept on it.
  const wakeOnChangesDuringFlush = patched('referral-progress-after-flush');
  /** Set by the path's withdrawReferral signal (consent withdrawn); never in older histories. */
  let withdrawnByPath = false;

  const progress = (): ReferralProgress => ({
    referralId: request.referralId,
    status,
    providerIds: acceptedBy ? [acceptedBy] : asked,
    ...(acknowledgeBy && !acceptedBy ? { acknowledgeBy } : {}),
    overdue,
    escalations,
    at: new Date().toISOString(),
  });
  const done = () => CLOSED.includes(status);
  const route = (providerId: string, action: 'asked' | 'rerouted' | 'withdrawn', reason?: string) =>
    pending.push({
      eventId: uuid4(),
      caseId: input.caseId,
      kind: 'referral-routed',
      data: {
        referralId: request.referralId,
        caseId: input.caseId,
        service: request.service,
        priority: request.priority,
        providerId,
        action,
        ...(action !== 'withdrawn' && acknowledgeBy ? { acknowledgeBy } : {}),
        ...(reason ? { reasonCode: reason } : {}),
        occurredAt: new Date().toISOString(),
      },
    });
  const withdraw = (providerIds: readonly string[], reason: string) => {
    for (const providerId of providerIds) route(providerId, 'withdrawn', reason);
  };

  /** Why a status report cannot apply now (undefined = it can). */
  const problem = (report: ReferralStatusReport): string | undefined => {
    if (seen.has(report.eventId)) return undefined;
    if (done()) return `the referral is already ${status}`;
    if (report.status === 'revoked') return undefined;
    if (!report.providerId) return 'a provider status needs providerId';
    if (acceptedBy !== undefined) {
      if (report.providerId !== acceptedBy) return 'another provider already accepted';
      return ['accepted', 'in-progress', 'completed', 'not-completed'].includes(report.status)
        ? undefined
        : `${report.status} is not possible after acceptance`;
    }
    if (!asked.includes(report.providerId)) return 'this provider is not asked for the referral';
    return ['accepted', 'in-progress', 'declined', 'no-capacity', 'sent'].includes(report.status)
      ? undefined
      : `${report.status} is not possible before acceptance`;
  };

  setHandler(referralProgressQuery, progress);
  setHandler(withdrawReferralSignal, ({ reasonCode }) => {
    if (done()) return;
    withdraw(asked, reasonCode);
    status = 'withdrawn';
    withdrawnByPath = true;
    changes += 1;
  });
  setHandler(
    referralStatusUpdate,
    (report) => {
      if (seen.has(report.eventId)) return progress();
      seen.add(report.eventId);
      const providerId = report.providerId ?? '';
      switch (report.status) {
        case 'accepted':
        case 'in-progress':
          if (acceptedBy === undefined) {
            acceptedBy = providerId;
            overdue = false;
            withdraw(
              asked.filter((other) => other !== providerId),
              'accepted-elsewhere',
            );
            asked = [providerId];
          }
          status = report.status;
          break;
        case 'declined':
          asked = asked.filter((other) => other !== providerId);
          break;
        case 'no-capacity':
          // Waitlisted: it acknowledged, and may still accept when a place frees up.
          waitlisted.add(providerId);
          break;
        case 'completed':
        case 'not-completed':
          status = report.status;
          break;
        case 'revoked':
          withdraw(asked, report.reasonCode ?? 'revoked');
          status = 'revoked';
          break;
        default:
          // 'sent', 'requested', 'withdrawn' from a provider: informative only.
          break;
      }
      changes += 1;
      return progress();
    },
    {
      validator: (report) => {
        const parsed = referralStatusUpdateSchema.safeParse(report);
        if (!parsed.success) throw new Error(`invalid status report: ${parsed.error.message}`);
        const why = problem(parsed.data);
        if (why) throw new Error(why);
      },
    },
  );

  const flush = async () => {
    await publishPendingPathEvents(pending);
    const now = progress();
    const key = JSON.stringify({ ...now, at: '' });
    if (key === reported) return;
    reported = key;
    try {
      await getExternalWorkflowHandle(input.pathWorkflowId).signal(referralProgressSignal, now);
    } catch (error) {
      // The path closed meanwhile: nobody to tell.
      log.warn('referral progress not delivered', { error: (error as Error).message });
    }
  };
  const nextProvider = async (): Promise<string | undefined> => {
    const fromList = queue.shift();
    if (fromList !== undefined) return fromList;
    const found = await nextEligibleProvider({
      referralId: request.referralId,
      service: request.service,
      municipalityCode: input.municipalityCode,
      exclude: [...tried],
      // Activity input only (not a command): histories without it replay unchanged.
      ...(request.eligibility ? { eligibility: request.eligibility } : {}),
    });
    return found ?? undefined;
  };
  const ask = (providerIds: readonly string[], action: 'asked' | 'rerouted') => {
    // The first providers' deadline runs from the business date the referral carries (one made
    // on paper days ago is as late as it really is); a re-routed provider's from when it is
    // asked. Histories recorded before this patch measured both from workflow time.
    const start =
      action === 'asked' && patched('deadline-from-requested-at')
        ? Date.parse(request.requestedAt)
        : Date.now();
    acknowledgeBy = new Date(start + input.acknowledgementHours * HOUR_MS).toISOString();
    status = 'sent';
    for (const providerId of providerIds) {
      tried.add(providerId);
      route(providerId, action);
    }
  };

  try {
    ask(asked, 'asked');
    while (!done()) {
      const changesBeforeFlush = changes;
      await flush();
      const changedDuringFlush = () => wakeOnChangesDuringFlush && changes !== changesBeforeFlush;
      if (acceptedBy !== undefined || status === 'unrouted') {
        // Accepted (no deadline any more), or nobody left: wait for the outcome or revocation.
        const before = status;
        await condition(
          () => done() || status !== before || pending.length > 0 || changedDuringFlush(),
        );
        continue;
      }
      if (asked.length === 0) {
        // Everyone asked declined: re-route without escalation (nobody missed a deadline).
        const next = await nextProvider();
        // Withdrawn while the directory was asked: nobody is to be asked any more.
        if (withdrawnByPath) continue;
        if (next === undefined) status = 'unrouted';
        else {
          asked = [next];
          ask(asked, 'rerouted');
        }
        continue;
      }
      const waiting = asked;
      if (asked.every((providerId) => waitlisted.has(providerId))) {
        // Everyone left has the person on a waitlist: no deadline to miss, wait for a place.
        await condition(
          () =>
            done() ||
            acceptedBy !== undefined ||
            asked !== waiting ||
            pending.length > 0 ||
            changedDuringFlush(),
        );
        continue;
      }
      const deadline = Date.parse(acknowledgeBy ?? '');
      const answered = await condition(
        () =>
          done() ||
          acceptedBy !== undefined ||
          asked !== waiting ||
          pending.length > 0 ||
          changedDuringFlush(),
        Math.max(1, deadline - Date.now()),
      );
      if (answered) continue;
      // Deadline missed: alert the supervisor, take it back from the silent providers, re-route.
      escalations += 1;
      overdue = true;
      pending.push({
        eventId: uuid4(),
        caseId: input.caseId,
        kind: 'referral-escalated',
        data: {
          referralId: request.referralId,
          caseId: input.caseId,
          service: request.service,
          priority: request.priority,
          providerIds: [...asked],
          acknowledgeBy: acknowledgeBy ?? new Date().toISOString(),
          escalatedAt: new Date().toISOString(),
          escalation: escalations,
        },
      });
      const silent = asked.filter((providerId) => !waitlisted.has(providerId));
      withdraw(silent, 'deadline-missed');
      await flush();
      if (withdrawnByPath) continue;
      asked = asked.filter((providerId) => waitlisted.has(providerId));
      const next = await nextProvider();
      if (withdrawnByPath) continue;
      if (next !== undefined) {
        asked = [...asked, next];
        overdue = false;
        ask([next], 'rerouted');
      } else if (asked.length === 0) {
        status = 'unrouted';
      }
    }
    await flush();
    return progress();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The path closed: take the referral back from whoever still holds it.
    await CancellationScope.nonCancellable(async () => {
      withdraw(asked, 'path-closed');
      status = 'withdrawn';
      await flush();
    });
    throw error;
  }
}
