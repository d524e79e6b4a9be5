import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError } from '@reintegra/platform-errors';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN } from '../core/care-records.queries';
import type { GrantConsentRequest } from './consents.requests';

/**
 * The survivor's consents to share named categories with one recipient, and their withdrawal.
 * They are the survivor's own, given to the counsellor here: this service does not read intake's
 * `reintegra.intake.consents`, whose events are keyed by case id, a link to the person that this
 * database must never hold (records are known by a pseudonymous reference only).
 */
@Injectable()
export class ConsentsService {
  constructor(private readonly records: CareRecordAccess) {}

  grantConsent(actor: Actor, reference: string, request: GrantConsentRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'consent.granted', states: OPEN, reasonCode: request.purpose },
      async ({ manager }) => {
        const id = randomUUID();
        await manager.query(
          `INSERT INTO consents (id, reference, recipient, purpose, categories, recorded_by, granted_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, reference, request.recipient, request.purpose, request.categories, actor.subject],
        );
        return { id, ...request };
      },
    );
  }

  /** Withdrawal takes effect at once: the row lock makes a concurrent disclosure wait and fail. */
  withdrawConsent(actor: Actor, reference: string, consentId: string) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'consent.withdrawn', states: [...OPEN, 'closed'] },
      async ({ manager }) => {
        const rows: { withdrawn_at: Date | null }[] = await manager.query(
          `SELECT withdrawn_at FROM consents WHERE id = $1 AND reference = $2 FOR UPDATE`,
          [consentId, reference],
        );
        if (!rows[0])
          throw new NotFoundError('consent.not-found', {
            es: 'No existe ese consentimiento en este expediente.',
            en: 'There is no such consent on this record.',
          });
        if (rows[0].withdrawn_at)
          throw new ConflictError('consent.already-withdrawn', {
            es: 'El consentimiento ya fue retirado.',
            en: 'The consent was already withdrawn.',
          });
        await manager.query(
          `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2 WHERE id = $1`,
          [consentId, actor.subject],
        );
        return { id: consentId, withdrawn: true };
      },
    );
  }
}
