import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, canActInMunicipality } from '@reintegra/platform-auth';
import { ForbiddenError, NotFoundError } from '@reintegra/platform-errors';
import { ReturnEpisode } from './returnee.entities';

export const caseNotFound = () =>
  new NotFoundError('case.not-found', {
    es: 'No existe un expediente con ese identificador.',
    en: 'No case with that id.',
  });

/** Loads a case (return episode) for an actor: 404 when it does not exist, 403 outside their municipality. */
@Injectable()
export class CaseAccess {
  async caseFor(manager: EntityManager, caseId: string, actor: Actor): Promise<ReturnEpisode> {
    const episode = await manager.findOne(ReturnEpisode, { where: { id: caseId } });
    if (!episode) throw caseNotFound();
    if (!canActInMunicipality(actor, episode.municipalityCode)) {
      throw new ForbiddenError('auth.outside-municipality', {
        es: 'El expediente no pertenece a su municipio.',
        en: 'The case does not belong to your municipality.',
      });
    }
    return episode;
  }
}
