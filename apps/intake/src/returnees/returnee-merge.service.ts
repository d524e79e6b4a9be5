import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { returneesMergedV1 } from '@reintegra/event-contracts';
import { type Actor, actorReference, canActInMunicipality } from '@reintegra/platform-auth';
import { ConflictError, outsideMunicipality, returneeNotFound } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { IntakeAudit } from '../core/intake-audit.service';
import { chronologicalEpisodeNumbers } from './episode-rules';
import type { MergeReturneesRequest } from './returnee-merge.requests';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';

export interface MergeResult {
  survivingReturneeId: string;
  mergedReturneeId: string;
  movedCaseIds: string[];
  episodes: Array<{ caseId: string; episodeNumber: number }>;
}

const alreadyMerged = (record: Returnee) =>
  new ConflictError(
    'returnee.already-merged',
    {
      es: 'Uno de los registros ya se fusionó con otro.',
      en: 'One of the records was merged already.',
    },
    `/returnees/${record.mergedInto}`,
    { returneeId: record.id, mergedInto: record.mergedInto },
  );

/**
 * Merging two records found to be one person: an explicit supervisor decision, audited and
 * published, never done silently. The merged record is kept and points to the survivor; its
 * episodes move to the survivor and all episodes are numbered again in the order of the returns.
 * Both records' open cases stay open: which one ends, and why, is a closure decision of its own.
 */
@Injectable()
export class ReturneeMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: IntakeAudit,
  ) {}

  merge(
    survivorId: string,
    request: MergeReturneesRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<MergeResult> {
    const mergedId = request.mergedReturneeId;
    if (mergedId === survivorId) {
      throw new ConflictError('returnee.merge-same-record', {
        es: 'Un registro no puede fusionarse consigo mismo.',
        en: 'A record cannot be merged with itself.',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      // Both rows locked, in id order so that two opposite merges cannot deadlock.
      const records = await manager.find(Returnee, {
        where: { id: In([survivorId, mergedId]) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const survivor = records.find((record) => record.id === survivorId);
      const merged = records.find((record) => record.id === mergedId);
      if (!survivor || !merged) throw returneeNotFound();
      // Scope first: another municipality learns nothing of the records (merged, same DUI).
      const episodes = await manager.find(ReturnEpisode, {
        where: { returneeId: In([survivorId, mergedId]) },
        order: { episodeNumber: 'ASC' },
      });
      this.assertSupervises(actor, survivorId, mergedId, episodes);
      if (survivor.mergedInto) throw alreadyMerged(survivor);
      if (merged.mergedInto) throw alreadyMerged(merged);
      if (survivor.dui && merged.dui && survivor.dui !== merged.dui) {
        throw new ConflictError('returnee.merge-different-dui', {
          es: 'Los registros tienen DUI distintos: son dos personas y no se fusionan.',
          en: 'The records have different DUIs: they are two people and are not merged.',
        });
      }

      const numbers = chronologicalEpisodeNumbers(episodes);
      const movedCaseIds = await this.moveAndRenumber(
        manager,
        survivorId,
        mergedId,
        episodes,
        numbers,
      );
      const now = new Date();
      if (merged.dui && !survivor.dui) {
        // The survivor carries the person's DUI from now on (unique: cleared on the merged first).
        await manager.update(Returnee, { id: mergedId }, { dui: null });
        await manager.update(Returnee, { id: survivorId }, { dui: merged.dui });
      }
      await manager.update(Returnee, { id: mergedId }, { mergedInto: survivorId, mergedAt: now });

      const renumbered = episodes
        .map((episode) => ({
          caseId: episode.id,
          episodeNumber: numbers.get(episode.id) ?? episode.episodeNumber,
        }))
        .sort((a, b) => a.episodeNumber - b.episodeNumber);
      const latest = renumbered.at(-1);
      if (!latest) throw new Error('Every registered person has at least one episode');
      const by = actorReference(actor);
      await this.outbox.publish(
        manager,
        returneesMergedV1,
        {
          // Keyed by the person's latest case: the path that goes on.
          subject: latest.caseId,
          time: now,
          data: {
            survivingReturneeId: survivorId,
            mergedReturneeId: mergedId,
            movedCaseIds,
            mergedBy: by,
            mergedAt: now.toISOString(),
          },
        },
        { actor: by, correlationId },
      );
      await this.audit.record(manager, {
        action: 'returnee.merged',
        actor: by,
        returneeId: survivorId,
        relatedId: mergedId,
        reasonCode: request.reasonCode,
        correlationId,
        at: now,
      });
      return {
        survivingReturneeId: survivorId,
        mergedReturneeId: mergedId,
        movedCaseIds,
        episodes: renumbered,
      };
    });
  }

  /** A supervisor merges records of their municipality: where each record's latest return is. */
  private assertSupervises(
    actor: Actor,
    survivorId: string,
    mergedId: string,
    episodes: readonly ReturnEpisode[],
  ): void {
    for (const returneeId of [survivorId, mergedId]) {
      const latest = episodes.filter((episode) => episode.returneeId === returneeId).at(-1);
      if (latest && !canActInMunicipality(actor, latest.municipalityCode)) {
        throw outsideMunicipality();
      }
    }
  }

  private async moveAndRenumber(
    manager: EntityManager,
    survivorId: string,
    mergedId: string,
    episodes: readonly ReturnEpisode[],
    numbers: ReadonlyMap<string, number>,
  ): Promise<string[]> {
    // Numbers are unique per person; checked at commit so that they can be reshuffled here.
    await manager.query('SET CONSTRAINTS return_episodes_episode_number DEFERRED');
    const moved = episodes.filter((episode) => episode.returneeId === mergedId);
    for (const episode of episodes) {
      await manager.update(
        ReturnEpisode,
        { id: episode.id },
        {
          returneeId: survivorId,
          episodeNumber: numbers.get(episode.id) ?? episode.episodeNumber,
          // The case changed (its person, its number): a new ETag.
          version: () => 'version + 1',
        },
      );
    }
    return moved.map((episode) => episode.id);
  }
}
