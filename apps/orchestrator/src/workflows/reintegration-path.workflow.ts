import { condition, log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import {
  caseEventSignal,
  caseEventSignalSchema,
  pathSearchAttributes,
  pathStateQuery,
  type CasePhase,
  type PathHistoryEntry,
  type PathState,
  type ReintegrationPathInput,
} from '@reintegra/workflow-contracts';

/**
 * One returnee case's reintegration path, from intake to closure (months). Deterministic:
 * state changes only through signals; it keeps ids and a compact history, never documents.
 */
export async function reintegrationPath(input: ReintegrationPathInput): Promise<PathState> {
  const seenEventIds = new Set<string>([input.openedByEventId]);
  const path: { phase: CasePhase; history: PathHistoryEntry[] } = {
    phase: 'intake',
    history: [
      { at: input.openedAt, eventType: 'sv.reintegra.returnee.registered.v1', phase: 'intake' },
    ],
  };
  const state = (): PathState => ({
    caseId: input.caseId,
    municipalityCode: input.municipalityCode,
    minor: input.minor,
    phase: path.phase,
    openedAt: input.openedAt,
    history: path.history,
  });

  setHandler(pathStateQuery, state);
  setHandler(caseEventSignal, (signal) => {
    const parsed = caseEventSignalSchema.safeParse(signal);
    if (!parsed.success) {
      log.warn('Ignoring invalid case event signal', { issues: parsed.error.issues.length });
      return;
    }
    // Redelivered or replayed events have no second effect.
    if (seenEventIds.has(parsed.data.eventId)) return;
    seenEventIds.add(parsed.data.eventId);
    path.history.push({
      at: parsed.data.occurredAt,
      eventType: parsed.data.type,
      phase: path.phase,
    });
  });

  upsertSearchAttributes([
    { key: pathSearchAttributes.municipality, value: input.municipalityCode },
    { key: pathSearchAttributes.casePhase, value: path.phase },
    { key: pathSearchAttributes.overdueReferrals, value: 0 },
  ]);

  // Phase transitions (assessment, plan, referrals, follow-up, closure) arrive as signals.
  await condition(() => path.phase === 'closed');
  return state();
}
