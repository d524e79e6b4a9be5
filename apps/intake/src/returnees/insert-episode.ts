import type { EntityManager } from 'typeorm';
import { ReturnEpisode } from '../core/returnee.entities';
import { registerArrivalEntry } from './arrival-entry-link';
import type { OpenEpisodeRequest } from './register-returnee.requests';

/** What an episode row takes from a registration or a later return. */
type EpisodeFields = Pick<
  OpenEpisodeRequest,
  | 'returnDate'
  | 'countryReturnedFrom'
  | 'receptionPoint'
  | 'municipalityCode'
  | 'districtCode'
  | 'arrivalEntryId'
>;

/**
 * Stores a return as an episode (its case) and marks the arrival-list entry it came from, in the
 * caller's transaction: the first registration and every later return store it the same way.
 */
export async function insertEpisode(
  manager: EntityManager,
  episode: { caseId: string; returneeId: string; episodeNumber: number; minor: boolean },
  request: EpisodeFields,
  now: Date,
): Promise<void> {
  await manager.insert(ReturnEpisode, {
    id: episode.caseId,
    returneeId: episode.returneeId,
    episodeNumber: episode.episodeNumber,
    returnDate: request.returnDate,
    countryReturnedFrom: request.countryReturnedFrom,
    receptionPoint: request.receptionPoint,
    municipalityCode: request.municipalityCode,
    districtCode: request.districtCode ?? null,
    minor: episode.minor,
    registeredAt: now,
  });
  if (request.arrivalEntryId) {
    await registerArrivalEntry(manager, request.arrivalEntryId, episode.returneeId, now);
  }
}
