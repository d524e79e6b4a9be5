import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { encryptField } from '../crypto/field-cipher';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN } from '../core/care-records.queries';
import type {
  AddServiceRequest,
  CloseRecordRequest,
  RecordSessionRequest,
} from './sessions.requests';

/** Sessions: the services a survivor receives, each session held (notes encrypted), closure. */
@Injectable()
export class SessionsService {
  constructor(private readonly records: CareRecordAccess) {}

  addService(actor: Actor, reference: string, request: AddServiceRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'service.added', states: OPEN },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const { legalCaseDetails } = request;
        const details = legalCaseDetails
          ? await withKey((key) =>
              encryptField(key, reference, 'legal-case-details', id, legalCaseDetails),
            )
          : null;
        await manager.query(
          `INSERT INTO care_services (id, reference, kind, legal_details, started_by, started_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [id, reference, request.kind, details, actor.subject],
        );
        return { id, kind: request.kind };
      },
    );
  }

  /** The first session of an accepted record means care has started: `engaged` goes out. */
  recordSession(actor: Actor, reference: string, request: RecordSessionRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'session.recorded', states: OPEN },
      async ({ manager, record, withKey, publishStatus }) => {
        if (request.serviceId) {
          const service: unknown[] = await manager.query(
            `SELECT 1 FROM care_services WHERE id = $1 AND reference = $2`,
            [request.serviceId, reference],
          );
          if (service.length === 0)
            throw new NotFoundError('care-service.not-found', {
              es: 'Ese servicio no pertenece a este expediente.',
              en: 'That service does not belong to this record.',
            });
        }
        const id = randomUUID();
        const notes = await withKey((key) =>
          encryptField(key, reference, 'session-notes', id, request.notes),
        );
        await manager.query(
          `INSERT INTO care_sessions
             (id, reference, service_id, held_at, duration_minutes, notes, recorded_by, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
          [
            id,
            reference,
            request.serviceId ?? null,
            request.heldAt,
            request.durationMinutes,
            notes,
            actor.subject,
          ],
        );
        if (record.status === 'accepted') {
          await manager.query(
            `UPDATE care_records SET status = 'engaged', engaged_at = now() WHERE reference = $1`,
            [reference],
          );
          await publishStatus('engaged');
        }
        return { id };
      },
    );
  }

  /** Care ends with a reason code: `closed` goes out; the record stays readable. */
  close(actor: Actor, reference: string, request: CloseRecordRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'care-record.closed', states: OPEN, reasonCode: request.reasonCode },
      async ({ manager, publishStatus }) => {
        await manager.query(
          `UPDATE care_records SET status = 'closed', closed_at = now(), closure_reason = $2
            WHERE reference = $1`,
          [reference, request.reasonCode],
        );
        await publishStatus('closed');
        return { reference, status: 'closed' as const };
      },
    );
  }
}
