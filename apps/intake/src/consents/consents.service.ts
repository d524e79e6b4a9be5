import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  type ConsentPurpose,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { CaseAccess } from '../core/case-access.service';
import { guardianOf } from '../guardians/guardian-lookup';
import { Consent } from './consent.entity';
import type { GrantConsentRequest } from './consent.requests';

export interface ConsentView {
  id: string;
  purpose: ConsentPurpose;
  scope: string | null;
  formVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
  active: boolean;
  /** Who gave it: the person, or for a minor their guardian (name and capacity as recorded then). */
  givenBy: { capacity: 'self' } | { capacity: 'guardian'; name: string; guardianCapacity: string };
}

const minorWithoutGuardian = () =>
  new UnprocessableError('consent.minor-without-guardian', {
    es: 'La persona es menor de edad: el consentimiento lo da su madre, padre o tutor. Registre primero al tutor en el expediente.',
    en: "The person is a minor: their parent or guardian gives consent. Record the case's guardian first.",
  });

const view = (consent: Consent): ConsentView => ({
  id: consent.id,
  purpose: consent.purpose,
  scope: consent.scope,
  formVersion: consent.formVersion,
  grantedAt: consent.grantedAt.toISOString(),
  withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
  active: consent.withdrawnAt === null,
  givenBy:
    consent.givenBy === 'guardian'
      ? {
          capacity: 'guardian',
          name: consent.guardianName ?? '',
          guardianCapacity: consent.guardianCapacity ?? '',
        }
      : { capacity: 'self' },
});

/** What both consent events say about the consent. */
const eventFields = (consent: Consent) => ({
  consentId: consent.id,
  caseId: consent.caseId,
  purpose: consent.purpose,
  ...(consent.scope ? { scope: consent.scope } : {}),
  formVersion: consent.formVersion,
});

/** Records consent per purpose; every grant and withdrawal is an event consumers honour. */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
  ) {}

  list(caseId: string, actor: Actor): Promise<ConsentView[]> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const consents = await manager.find(Consent, {
        where: { caseId },
        order: { grantedAt: 'ASC' },
      });
      return consents.map(view);
    });
  }

  grant(
    caseId: string,
    request: GrantConsentRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<ConsentView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      const guardian = episode.minor ? await guardianOf(manager, caseId) : undefined;
      if (episode.minor && !guardian) throw minorWithoutGuardian();
      const existing = await this.active(manager, caseId, request.purpose, request.scope ?? null);
      if (existing) {
        throw new ConflictError(
          'consent.already-granted',
          {
            es: 'Ya existe un consentimiento vigente para este propósito.',
            en: 'An active consent for this purpose already exists.',
          },
          `/cases/${caseId}/consents/${existing.id}`,
        );
      }
      const consent = manager.create(Consent, {
        id: randomUUID(),
        caseId,
        purpose: request.purpose,
        scope: request.scope ?? null,
        formVersion: request.formVersion,
        grantedAt: new Date(),
        grantedBy: actorReference(actor),
        givenBy: guardian ? 'guardian' : 'self',
        guardianName: guardian ? `${guardian.firstNames} ${guardian.lastNames}` : null,
        guardianCapacity: guardian?.capacity ?? null,
        withdrawnAt: null,
        withdrawnBy: null,
      });
      await manager.insert(Consent, consent);
      await this.outbox.publish(
        manager,
        consentGrantedV1,
        {
          subject: caseId,
          data: { ...eventFields(consent), grantedAt: consent.grantedAt.toISOString() },
        },
        { actor: actorReference(actor), correlationId },
      );
      return view(consent);
    });
  }

  withdraw(
    caseId: string,
    consentId: string,
    actor: Actor,
    correlationId: string,
  ): Promise<ConsentView> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const consent = await manager.findOne(Consent, {
        where: { id: consentId, caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consent) {
        throw new NotFoundError('consent.not-found', {
          es: 'Consentimiento no encontrado.',
          en: 'Consent not found.',
        });
      }
      if (consent.withdrawnAt) {
        throw new ConflictError('consent.already-withdrawn', {
          es: 'El consentimiento ya fue retirado.',
          en: 'The consent was already withdrawn.',
        });
      }
      consent.withdrawnAt = new Date();
      consent.withdrawnBy = actorReference(actor);
      await manager.update(
        Consent,
        { id: consent.id },
        { withdrawnAt: consent.withdrawnAt, withdrawnBy: consent.withdrawnBy },
      );
      await this.outbox.publish(
        manager,
        consentWithdrawnV1,
        {
          subject: caseId,
          data: { ...eventFields(consent), withdrawnAt: consent.withdrawnAt.toISOString() },
        },
        { actor: actorReference(actor), correlationId },
      );
      return view(consent);
    });
  }

  /** The active consent for a purpose and scope, if any (read inside the caller's transaction). */
  active(
    manager: EntityManager,
    caseId: string,
    purpose: ConsentPurpose,
    scope: string | null,
  ): Promise<Consent | null> {
    return manager.findOne(Consent, {
      where: { caseId, purpose, scope: scope ?? IsNull(), withdrawnAt: IsNull() },
      lock: { mode: 'pessimistic_read' },
    });
  }
}
