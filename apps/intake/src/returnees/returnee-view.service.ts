import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import { outsideMunicipality, returneeNotFound } from '@reintegra/platform-errors';
import { Returnee, ReturnEpisode } from '../core/returnee.entities';

/** Roles that work with the person directly and may see how to reach them. */
const CONTACT_ROLES = ['intake-officer'] as const;

export type ReturneeRead =
  | { kind: 'person'; person: ReturnType<typeof personView> }
  | { kind: 'merged'; returneeId: string; mergedInto: string; mergedAt: string };

function personView(person: Returnee, episodes: readonly ReturnEpisode[], actor: Actor) {
  const self = `/returnees/${person.id}`;
  return {
    id: person.id,
    /** Also the ETag, for PATCH's If-Match. */
    version: person.version,
    dui: person.dui,
    firstNames: person.firstNames,
    lastNames: person.lastNames,
    dateOfBirth: person.dateOfBirth,
    gender: person.gender,
    ...(hasAnyRole(actor, CONTACT_ROLES)
      ? { contact: { phone: person.phone, email: person.email } }
      : {}),
    createdAt: person.createdAt.toISOString(),
    episodes: episodes.map((episode) => ({
      caseId: episode.id,
      episodeNumber: episode.episodeNumber,
      returnDate: episode.returnDate,
      countryReturnedFrom: episode.countryReturnedFrom,
      municipalityCode: episode.municipalityCode,
      districtCode: episode.districtCode,
      status: episode.status,
      closureReason: episode.closureReason,
      // Earlier returns elsewhere are listed (a person's history); their cases stay there.
      ...(canActInMunicipality(actor, episode.municipalityCode)
        ? { links: { case: `/cases/${episode.id}` } }
        : {}),
    })),
    links: { self, episodes: `${self}/episodes`, path: `${self}/path` },
  };
}

/** A person and their return episodes, for the office of a municipality where they returned. */
@Injectable()
export class ReturneeViewService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The record a merged record points to, if it was merged — told only to a caller who may see
   * the survivor (a redirect names the survivor's id, which is itself a disclosure).
   */
  async mergedInto(returneeId: string, actor: Actor): Promise<string | null> {
    const person = await this.dataSource
      .getRepository(Returnee)
      .findOne({ where: { id: returneeId }, select: ['id', 'mergedInto'] });
    if (!person?.mergedInto) return null;
    await this.episodesVisibleTo(person.mergedInto, actor);
    return person.mergedInto;
  }

  async read(returneeId: string, actor: Actor): Promise<ReturneeRead> {
    const person = await this.dataSource.getRepository(Returnee).findOne({
      where: { id: returneeId },
    });
    if (!person) throw returneeNotFound();
    if (person.mergedInto && person.mergedAt) {
      await this.episodesVisibleTo(person.mergedInto, actor);
      return {
        kind: 'merged',
        returneeId,
        mergedInto: person.mergedInto,
        mergedAt: person.mergedAt.toISOString(),
      };
    }
    const episodes = await this.episodesVisibleTo(returneeId, actor);
    return { kind: 'person', person: personView(person, episodes, actor) };
  }

  /** The person's episodes, when at least one is in a municipality the caller works in. */
  private async episodesVisibleTo(returneeId: string, actor: Actor): Promise<ReturnEpisode[]> {
    const episodes = await this.dataSource.getRepository(ReturnEpisode).find({
      where: { returneeId },
      order: { episodeNumber: 'ASC' },
    });
    if (!episodes.some((episode) => canActInMunicipality(actor, episode.municipalityCode))) {
      throw outsideMunicipality();
    }
    return episodes;
  }
}
