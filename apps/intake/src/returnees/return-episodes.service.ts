import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { episodeOpenedV1 } from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, returneeNotFound } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { CaseClosureService } from '../closure/case-closure.service';
import { insertEpisode } from './insert-episode';
import { returnFollowsPrevious } from './episode-rules';
import { ageOn, type OpenEpisodeRequest } from './register-returnee.requests';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';

export interface OpenedEpisode {
  returneeId: string;
  caseId: string;
  episodeNumber: number;
  minor: boolean;
  previousCaseId: string;
  /** Earlier cases still open, closed now as re-migrated. */
  closedCaseIds: string[];
}

/** A merged record is kept, but everything happens on the record it was merged into. */
export const returneeMerged = (survivorId: string) =>
  new ConflictError(
    'returnee.merged',
    {
      es: 'Este registro se fusionó con otro de la misma persona: use el registro vigente.',
      en: 'This record was merged into another one of the same person: use that record.',
    },
    `/returnees/${survivorId}`,
    { mergedInto: survivorId },
  );

/**
 * A person who returns again gets a new episode (case) on the same person record; the
 * reintegration path of the new case starts from `episode-opened`.
 */
@Injectable()
export class ReturnEpisodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly closure: CaseClosureService,
  ) {}

  openEpisode(
    returneeId: string,
    request: OpenEpisodeRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<OpenedEpisode> {
    return this.dataSource.transaction(async (manager) => {
      // The person's row lock serialises new episodes (and merges) of one person.
      const person = await manager.findOne(Returnee, {
        where: { id: returneeId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!person) throw returneeNotFound();
      if (person.mergedInto) throw returneeMerged(person.mergedInto);
      const episodes = await manager.find(ReturnEpisode, {
        where: { returneeId },
        order: { episodeNumber: 'ASC' },
      });
      const previous = episodes.at(-1);
      if (!previous) throw returneeNotFound();
      if (!returnFollowsPrevious(previous.returnDate, request.returnDate)) {
        throw new ConflictError(
          'episode.return-not-after-previous',
          {
            es: `La fecha de retorno debe ser posterior al retorno anterior (${previous.returnDate}).`,
            en: `The return date must be after the previous return (${previous.returnDate}).`,
          },
          `/cases/${previous.id}`,
          { previousReturnDate: previous.returnDate },
        );
      }
      const caseId = randomUUID();
      const closedCaseIds = await this.closeOpenEpisodes(manager, episodes, caseId, correlationId);
      const now = new Date();
      const episodeNumber = previous.episodeNumber + 1;
      const minor = ageOn(person.dateOfBirth, request.returnDate) < 18;
      await insertEpisode(manager, { caseId, returneeId, episodeNumber, minor }, request, now);
      await this.outbox.publish(
        manager,
        episodeOpenedV1,
        {
          subject: caseId,
          time: now,
          data: {
            caseId,
            returneeId,
            episodeNumber,
            previousCaseId: previous.id,
            municipalityCode: request.municipalityCode,
            ...(request.districtCode ? { districtCode: request.districtCode } : {}),
            returnDate: request.returnDate,
            countryReturnedFrom: request.countryReturnedFrom,
            minor,
            openedAt: now.toISOString(),
          },
        },
        { actor: actorReference(actor), correlationId },
      );
      return {
        returneeId,
        caseId,
        episodeNumber,
        minor,
        previousCaseId: previous.id,
        closedCaseIds,
      };
    });
  }

  /**
   * A person standing at reception again has left the country since their earlier case: that
   * case ended by re-migration. Closing it here, in the same transaction, keeps one open case
   * (and one running reintegration path, with its referrals and deadlines) per person; left open,
   * the old path would keep chasing providers and follow-ups for someone who had gone. It is the
   * system's act, not the officer's: actor `system:intake`, caused by the new episode.
   */
  private async closeOpenEpisodes(
    manager: EntityManager,
    episodes: readonly ReturnEpisode[],
    newCaseId: string,
    correlationId: string,
  ): Promise<string[]> {
    const open = episodes.filter((episode) => episode.status !== 'closed');
    for (const episode of open) {
      await this.closure.close(manager, episode.id, 're-migrated', {
        actor: this.outbox.origin.systemActor,
        correlationId,
        causedBy: newCaseId,
      });
    }
    return open.map((episode) => episode.id);
  }
}
