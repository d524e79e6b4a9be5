import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import { NotFoundError } from '@reintegra/platform-errors';
import type { VictimSupportConfig } from '../config';
import { encryptField } from '../crypto/field-cipher';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN } from '../core/care-records.queries';
import type { BreakGlassRequest } from './break-glass.requests';

/** Emergency access by an unassigned counsellor, and the supervisor's review queue of them. */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: CareRecordAccess,
    @Inject(APP_CONFIG) private readonly config: VictimSupportConfig,
  ) {}

  /**
   * Emergency access for a counsellor who is not assigned: needs a reason code and a written
   * justification (encrypted), lasts BREAK_GLASS_MINUTES, is audited and lands in the
   * supervisor's notification queue in the same transaction.
   */
  breakGlass(actor: Actor, reference: string, request: BreakGlassRequest) {
    return this.records.run(
      actor,
      reference,
      {
        mode: 'write',
        action: 'break-glass.granted',
        states: ['referred', ...OPEN, 'closed'],
        basis: () => 'break-glass',
        reasonCode: request.reasonCode,
      },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const justification = await withKey((key) =>
          encryptField(key, reference, 'break-glass-justification', id, request.justification),
        );
        const rows: { granted_at: Date; expires_at: Date }[] = await manager.query(
          `INSERT INTO break_glass_grants (id, reference, subject, reason_code, justification, granted_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(mins => $6))
           RETURNING granted_at, expires_at`,
          [
            id,
            reference,
            actor.subject,
            request.reasonCode,
            justification,
            this.config.BREAK_GLASS_MINUTES,
          ],
        );
        const [{ granted_at: grantedAt, expires_at: expiresAt }] = rows as [
          { granted_at: Date; expires_at: Date },
        ];
        await manager.query(
          `INSERT INTO supervisor_notifications (id, kind, reference, subject, reason_code, created_at, expires_at)
           VALUES ($1, 'break-glass', $2, $3, $4, $5, $6)`,
          [randomUUID(), reference, actor.subject, request.reasonCode, grantedAt, expiresAt],
        );
        return { id, reference, grantedAt, expiresAt };
      },
    );
  }

  /** The supervisor's queue of break-glass accesses to their office's records, not yet reviewed. */
  async openNotifications(actor: Actor) {
    if (!actor.municipalityCode) return [];
    const rows: {
      id: string;
      kind: string;
      reference: string;
      subject: string;
      reason_code: string;
      created_at: Date;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT n.* FROM supervisor_notifications n JOIN care_records r USING (reference)
        WHERE n.acknowledged_at IS NULL AND r.municipality_code = $1 ORDER BY n.created_at`,
      [actor.municipalityCode],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      reference: row.reference,
      subject: row.subject,
      reasonCode: row.reason_code,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }));
  }

  /** Another office's notification is answered like an unknown one. */
  async acknowledgeNotification(actor: Actor, id: string) {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count], never a bare row list.
    const [rows] = (await this.dataSource.query(
      `UPDATE supervisor_notifications n SET acknowledged_at = now(), acknowledged_by = $2
         FROM care_records r
        WHERE n.id = $1 AND n.acknowledged_at IS NULL
          AND r.reference = n.reference AND r.municipality_code = $3
        RETURNING n.id`,
      [id, actor.subject, actor.municipalityCode ?? null],
    )) as [unknown[], number];
    if (rows.length === 0)
      throw new NotFoundError('notification.not-found', {
        es: 'No hay un aviso pendiente con ese identificador.',
        en: 'There is no open notification with that id.',
      });
    return { id, acknowledged: true };
  }
}
