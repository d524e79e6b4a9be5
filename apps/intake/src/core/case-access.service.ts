import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, canActInMunicipality } from '@reintegra/platform-auth';
import { caseNotFound, outsideMunicipality, returneeNotFound } from '@reintegra/platform-errors';
import { ReturnEpisode } from './returnee.entities';

/** Loads a case (return episode) for an actor: 404 when it does not exist, 403 outside their municipality. */
@Injectable()
export class CaseAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction on a case the actor may act on: the check and the work see the same data. */
  inCase<T>(
    caseId: string,
    actor: Actor,
    work: (manager: EntityManager, episode: ReturnEpisode) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) =>
      work(manager, await this.caseFor(manager, caseId, actor)),
    );
  }

  async caseFor(manager: EntityManager, caseId: string, actor: Actor): Promise<ReturnEpisode> {
    const episode = await manager.findOne(ReturnEpisode, { where: { id: caseId } });
    if (!episode) throw caseNotFound();
    if (!canActInMunicipality(actor, episode.municipalityCode)) throw outsideMunicipality();
    return episode;
  }

  /**
   * A person's latest case (the one their path follows), checked like `caseFor` before anything
   * about it is looked up: another municipality learns nothing, not even that a path exists yet.
   */
  async latestCaseFor(
    manager: EntityManager,
    returneeId: string,
    actor: Actor,
  ): Promise<ReturnEpisode> {
    const episode = await manager.findOne(ReturnEpisode, {
      where: { returneeId },
      order: { episodeNumber: 'DESC' },
    });
    if (!episode) throw returneeNotFound();
    if (!canActInMunicipality(actor, episode.municipalityCode)) throw outsideMunicipality();
    return episode;
  }
}
