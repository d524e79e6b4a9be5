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

/** The first version (walking skeleton): kept so that paths started with it replay unchanged. */
export async function reintegrationPathV1(input: ReintegrationPathInput): Promise<PathState> {
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

  await condition(() => path.phase === 'closed');
  return state();
}
