import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { caseTransferredV1 } from '@reintegra/event-contracts';
import { type Actor, actorReference, canActInMunicipality } from '@reintegra/platform-auth';
import {
  ConflictError,
  NotFoundError,
  outsideMunicipality,
  UnprocessableError,
} from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { CaseAccess } from '../core/case-access.service';
import { IntakeAudit } from '../core/intake-audit.service';
import type { DeclineRequest, TransferRequest } from './transfer.requests';
import {
  INCOMING_TRANSFERS_SQL,
  LOCK_TRANSFER_SQL,
  OUTGOING_TRANSFERS_SQL,
  type TransferRow,
  transferView,
} from './transfers.queries';

const transferNotFound = () =>
  new NotFoundError('transfer.not-found', {
    es: 'No existe una solicitud de traslado con ese identificador.',
    en: 'No transfer request with that id.',
  });

const alreadyDecided = (status: string) =>
  new ConflictError(
    'transfer.already-decided',
    {
      es: 'Esta solicitud de traslado ya fue respondida.',
      en: 'This transfer request has already been answered.',
    },
    undefined,
    { currentStatus: status },
  );

/**
 * Transfers of a case between municipalities' offices. The sending office asks, with the person's
 * consent recorded on the request; the receiving office accepts or declines. Acceptance moves the
 * case's municipality (and with it who may act on it) and publishes case.transferred, which moves
 * the path and the read models. Every step is audited on the case.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
    private readonly audit: IntakeAudit,
  ) {}

  request(caseId: string, body: TransferRequest, actor: Actor, correlationId: string) {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      if (episode.status === 'closed') {
        throw new ConflictError('transfer.case-closed', {
          es: 'Un expediente cerrado no se traslada.',
          en: 'A closed case is not transferred.',
        });
      }
      if (episode.municipalityCode === body.toMunicipalityCode) {
        throw new UnprocessableError('transfer.same-municipality', {
          es: 'El expediente ya pertenece a ese municipio.',
          en: 'The case already belongs to that municipality.',
        });
      }
      const now = new Date();
      const by = actorReference(actor);
      const id = randomUUID();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO case_transfers (id, case_id, from_municipality_code, to_municipality_code,
                to_district_code, reason_code, consent_method, consent_given_at, requested_at, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (case_id) WHERE status = 'requested' DO NOTHING
         RETURNING id`,
        [
          id,
          caseId,
          episode.municipalityCode,
          body.toMunicipalityCode,
          body.toDistrictCode ?? null,
          body.reasonCode,
          body.consent.method,
          body.consent.givenAt ?? now.toISOString(),
          now,
          by,
        ],
      );
      if (inserted.length === 0) {
        throw new ConflictError('transfer.pending', {
          es: 'Este expediente ya tiene una solicitud de traslado pendiente.',
          en: 'This case already has a transfer request waiting.',
        });
      }
      await this.record(manager, 'case.transfer-requested', by, caseId, id, body.reasonCode, {
        correlationId,
        at: now,
        returneeId: episode.returneeId,
      });
      return transferView(await this.lock(manager, id));
    });
  }

  /** Requests waiting for the actor's office. */
  async incoming(actor: Actor) {
    if (!actor.municipalityCode) return [];
    const rows: TransferRow[] = await this.dataSource.query(INCOMING_TRANSFERS_SQL, [
      actor.municipalityCode,
    ]);
    return rows.map(transferView);
  }

  /** Requests the actor's office sent, with their status (the last 200). */
  async outgoing(actor: Actor) {
    if (!actor.municipalityCode) return [];
    const rows: TransferRow[] = await this.dataSource.query(OUTGOING_TRANSFERS_SQL, [
      actor.municipalityCode,
    ]);
    return rows.map(transferView);
  }

  accept(transferId: string, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      const transfer = await this.pendingFor(manager, transferId, actor);
      const by = actorReference(actor);
      const at = new Date();
      const moved: { returnee_id: string; status: string }[] = await manager.query(
        `UPDATE return_episodes
            SET municipality_code = $2, district_code = $3, version = version + 1
          WHERE id = $1 AND status <> 'closed'
          RETURNING returnee_id, status`,
        [transfer.case_id, transfer.to_municipality_code, transfer.to_district_code],
      );
      const [episode] = moved;
      if (!episode) {
        throw new ConflictError('transfer.case-closed', {
          es: 'El expediente se cerró mientras esperaba el traslado; no se trasladó.',
          en: 'The case was closed while the transfer waited; it was not transferred.',
        });
      }
      await this.decide(manager, transferId, 'accepted', by, at, null);
      await this.outbox.publish(
        manager,
        caseTransferredV1,
        {
          subject: transfer.case_id,
          time: at,
          data: {
            caseId: transfer.case_id,
            transferId,
            fromMunicipalityCode: transfer.from_municipality_code,
            toMunicipalityCode: transfer.to_municipality_code,
            ...(transfer.to_district_code ? { toDistrictCode: transfer.to_district_code } : {}),
            requestedBy: transfer.requested_by,
            acceptedBy: by,
            transferredAt: at.toISOString(),
          },
        },
        { actor: by, correlationId },
      );
      await this.record(manager, 'case.transfer-accepted', by, transfer.case_id, transferId, null, {
        correlationId,
        at,
        returneeId: episode.returnee_id,
      });
      return transferView(await this.lock(manager, transferId));
    });
  }

  decline(transferId: string, body: DeclineRequest, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      const transfer = await this.pendingFor(manager, transferId, actor);
      const by = actorReference(actor);
      const at = new Date();
      await this.decide(manager, transferId, 'declined', by, at, body.reasonCode);
      await this.record(
        manager,
        'case.transfer-declined',
        by,
        transfer.case_id,
        transferId,
        body.reasonCode,
        { correlationId, at },
      );
      return transferView(await this.lock(manager, transferId));
    });
  }

  /** The request, locked, if it waits and the actor works in the receiving office. */
  private async pendingFor(manager: EntityManager, transferId: string, actor: Actor) {
    const transfer = await this.lock(manager, transferId);
    if (!canActInMunicipality(actor, transfer.to_municipality_code)) throw outsideMunicipality();
    if (transfer.status !== 'requested') throw alreadyDecided(transfer.status);
    return transfer;
  }

  private async lock(manager: EntityManager, transferId: string): Promise<TransferRow> {
    const [row] = (await manager.query(LOCK_TRANSFER_SQL, [transferId])) as TransferRow[];
    if (!row) throw transferNotFound();
    return row;
  }

  private async decide(
    manager: EntityManager,
    transferId: string,
    status: 'accepted' | 'declined',
    by: string,
    at: Date,
    reasonCode: string | null,
  ) {
    await manager.query(
      `UPDATE case_transfers SET status = $2, decided_at = $3, decided_by = $4, decline_reason_code = $5
        WHERE id = $1`,
      [transferId, status, at, by, reasonCode],
    );
  }

  private record(
    manager: EntityManager,
    action: 'case.transfer-requested' | 'case.transfer-accepted' | 'case.transfer-declined',
    actor: string,
    caseId: string,
    transferId: string,
    reasonCode: string | null,
    context: { correlationId: string; at: Date; returneeId?: string },
  ) {
    return this.audit.record(manager, {
      action,
      actor,
      caseId,
      relatedId: transferId,
      ...(reasonCode ? { reasonCode } : {}),
      ...(context.returneeId ? { returneeId: context.returneeId } : {}),
      correlationId: context.correlationId,
      at: context.at,
    });
  }
}
