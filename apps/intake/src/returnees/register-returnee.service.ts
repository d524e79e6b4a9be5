import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { returneeRegisteredV1 } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { checkDuplicates, type DuplicateCandidate } from './duplicate-check.queries';
import { insertEpisode } from './insert-episode';
import { Returnee } from '../core/returnee.entities';
import { ageOn, type RegisterReturneeRequest } from './register-returnee.requests';

export interface RegisteredReturnee {
  returneeId: string;
  caseId: string;
  episodeNumber: number;
  minor: boolean;
}

export interface RequestContext {
  actor: string;
  correlationId: string;
}

/** The person is known: a return of theirs is a new episode on their record, linked here. */
const duplicateDui = (returneeId: string) =>
  new ConflictError(
    'returnee.duplicate-dui',
    {
      es: 'Ya existe una persona registrada con este DUI. Si volvió a retornar, abra un nuevo episodio en su registro.',
      en: 'A person with this DUI is already registered. If they returned again, open a new episode on their record.',
    },
    `/returnees/${returneeId}`,
    {
      links: {
        returnee: `/returnees/${returneeId}`,
        newEpisode: `/returnees/${returneeId}/episodes`,
      },
    },
  );

const possibleDuplicates = (candidates: DuplicateCandidate[]) =>
  new ConflictError(
    'returnee.possible-duplicate',
    {
      es: 'Puede que esta persona ya esté registrada: revise los candidatos; si es otra persona, repita con "confirmedNewPerson": true.',
      en: 'This person may already be registered: review the candidates; if it is someone else, repeat with "confirmedNewPerson": true.',
    },
    undefined,
    { candidates },
  );

/**
 * Registers a returnee and opens the first return episode (the case). The rows and the
 * `returnee.registered` event are written in one transaction; the outbox relay publishes it.
 */
@Injectable()
export class RegisterReturneeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async register(
    request: RegisterReturneeRequest,
    context: RequestContext,
  ): Promise<RegisteredReturnee> {
    const now = new Date();
    const returneeId = randomUUID();
    const caseId = randomUUID();
    const minor = ageOn(request.dateOfBirth, request.returnDate) < 18;
    try {
      await this.dataSource.transaction(async (manager) => {
        const { sameDui, candidates } = await checkDuplicates(
          manager,
          request,
          !request.confirmedNewPerson,
        );
        if (sameDui) throw duplicateDui(sameDui);
        if (candidates.length > 0) throw possibleDuplicates(candidates);
        await manager.insert(Returnee, {
          id: returneeId,
          dui: request.dui ?? null,
          firstNames: request.firstNames,
          lastNames: request.lastNames,
          dateOfBirth: request.dateOfBirth,
          gender: request.gender,
          phone: request.contact?.phone ?? null,
          email: request.contact?.email ?? null,
          createdAt: now,
        });
        await insertEpisode(manager, { caseId, returneeId, episodeNumber: 1, minor }, request, now);
        await this.outbox.publish(
          manager,
          returneeRegisteredV1,
          {
            subject: caseId,
            time: now,
            data: {
              caseId,
              returneeId,
              episodeNumber: 1,
              municipalityCode: request.municipalityCode,
              ...(request.districtCode ? { districtCode: request.districtCode } : {}),
              returnDate: request.returnDate,
              countryReturnedFrom: request.countryReturnedFrom,
              minor,
              registeredAt: now.toISOString(),
            },
          },
          { actor: context.actor, correlationId: context.correlationId },
        );
      });
    } catch (error) {
      // Two concurrent registrations of one DUI: the unique index decides, the loser gets 409.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'returnees_dui'
      ) {
        const existing = await this.dataSource
          .getRepository(Returnee)
          .findOneOrFail({ where: { dui: request.dui } });
        throw duplicateDui(existing.id);
      }
      throw error;
    }
    return { returneeId, caseId, episodeNumber: 1, minor };
  }
}
