import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  approveClosureUpdate,
  caseEventSignal,
  historySummaryQuery,
  nextFollowUpQuery,
  openReferralsQuery,
  pathEventUpdate,
  pathSearchAttributes,
  pathStateQuery,
  reassignOfficerUpdate,
  referralProgressSignal,
  requestReferralUpdate,
  setPausedUpdate,
  transferMunicipalityUpdate,
  type PathState,
  type ReintegrationPathInput,
  withdrawConsentSignal,
  withdrawConsentUpdate,
} from '@reintegra/workflow-contracts';
import {
  endIfConsentWithdrawn,
  validateConsentWithdrawal,
  withdrawConsent,
  withdrawConsentBySignal,
} from './consent-withdrawal';
import { publishPendingPathEvents } from './publish-path-events';
import { reintegrationPathV1 } from './reintegration-path-v1.workflow';
import { ReintegrationPathState } from './reintegration-path.state';
import {
  validateClosure,
  validatePathEvent,
  validatePause,
  validateReassignment,
  validateReferralRequest,
  validateTransfer,
} from './reintegration-path.validators';

/**
 * Version marker of the path with phases, referrals, follow-up waves and supervisor updates.
 * Paths started before it (recorded in __fixtures__/reintegration-path.v1.history.json) replay
 * and carry on with the first version's code (reintegration-path-v1.workflow.ts).
 */
export const PATH_V2_PATCH = 'reintegration-path-v2';

/**
 * One returnee case's reintegration path, from intake to closure (months). Deterministic and
 * Nest-free: state changes only through signals, updates and durable timers; side effects go
 * through activities. It keeps ids and a compact history, never documents, and continues as new
 * before its history grows large. The state and what each message does to it are in
 * ReintegrationPathState (validators in reintegration-path.validators.ts); here the handlers are
 * registered and the main loop runs.
 */
export async function reintegrationPath(input: ReintegrationPathInput): Promise<PathState> {
  if (!patched(PATH_V2_PATCH)) return reintegrationPathV1(input);

  const path = new ReintegrationPathState(input);

  // ---- Queries ----
  setHandler(pathStateQuery, () => path.state());
  setHandler(openReferralsQuery, () => path.openReferrals());
  setHandler(nextFollowUpQuery, () => path.nextFollowUp());
  setHandler(historySummaryQuery, () => path.historySummary());

  // ---- Signals ----
  setHandler(caseEventSignal, (signal) => path.caseEvent(signal));
  setHandler(referralProgressSignal, (progress) => path.referralProgress(progress));
  setHandler(withdrawConsentSignal, (request) => withdrawConsentBySignal(path, request));

  // ---- Updates (validators reject bad input; the workflow never fails because of it) ----
  setHandler(pathEventUpdate, (event) => path.pathEvent(event), {
    validator: (event) => validatePathEvent(path.view(), event),
  });
  setHandler(
    requestReferralUpdate,
    async (request) => endIfConsentWithdrawn(path, request, await path.requestReferral(request)),
    {
      validator: (request) => validateReferralRequest(path.view(), request),
    },
  );
  setHandler(approveClosureUpdate, (request) => path.approveClosure(request), {
    validator: (request) => validateClosure(path.view(), request),
  });
  setHandler(reassignOfficerUpdate, (request) => path.reassignOfficer(request), {
    validator: (request) => validateReassignment(path.view(), request),
  });
  setHandler(setPausedUpdate, (request) => path.setPaused(request), {
    validator: (request) => validatePause(path.view(), request),
  });
  setHandler(withdrawConsentUpdate, (request) => withdrawConsent(path, request), {
    validator: validateConsentWithdrawal,
  });
  setHandler(transferMunicipalityUpdate, (request) => path.transferMunicipality(request), {
    validator: (request) => validateTransfer(path.view(), request),
  });

  // ---- Main loop: publish, keep search attributes current, run follow-up waves ----
  let upserted = '';
  const syncSearchAttributes = () => {
    const pairs = searchAttributePairs(path.state());
    const key = JSON.stringify(pairs.map((pair) => pair.value));
    if (key === upserted) return;
    upserted = key;
    upsertSearchAttributes(pairs);
  };
  const flush = async () => {
    syncSearchAttributes();
    await publishPendingPathEvents(path.pending);
  };

  for (;;) {
    await flush();
    if (!path.isOpen()) break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= path.config.maxHistoryEvents) {
      await condition(allHandlersFinished);
      await flush();
      if (path.isOpen()) {
        await continueAsNew<typeof reintegrationPath>({
          ...input,
          municipalityCode: path.municipalityCode,
          carried: path.snapshot(),
        });
      }
      continue;
    }
    const seenVersion = path.version;
    const wake = () => path.version !== seenVersion || path.pending.length > 0;
    const due = path.nextWaveDueMs();
    if (due === undefined) {
      await condition(wake);
    } else if (due > Date.now()) {
      await condition(wake, due - Date.now());
    } else {
      path.runFollowUpWave(due);
    }
  }
  await condition(allHandlersFinished);
  await flush();
  return path.state();
}

/** The search attributes kept current, from the path's own view of itself. */
function searchAttributePairs(state: PathState): SearchAttributeUpdatePair[] {
  const { nextFollowUpAt } = state;
  return [
    { key: pathSearchAttributes.municipality, value: state.municipalityCode },
    { key: pathSearchAttributes.casePhase, value: state.phase },
    { key: pathSearchAttributes.overdueReferrals, value: state.overdueReferrals ?? 0 },
    {
      key: pathSearchAttributes.nextFollowUpAt,
      value: nextFollowUpAt ? new Date(nextFollowUpAt) : null,
    },
    { key: pathSearchAttributes.assignedOfficer, value: state.assignedOfficer ?? null },
    { key: pathSearchAttributes.riskLevel, value: state.riskLevel ?? null },
  ];
}
