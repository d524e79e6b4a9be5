import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { ConflictError, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { EmploymentEvents } from '../core/employment-events.service';
import { addDays, placementStep, today } from './placements.queries';
import type { RetentionCheckRequest } from './placements.requests';

/** Retention of a hire at 30 and 90 days: each check once, in order, from its due date. */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EmploymentEvents,
  ) {}

  async recordRetention(
    placementId: string,
    request: RetentionCheckRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return placementStep(
      this.dataSource,
      placementId,
      actor,
      ['staff'],
      async (manager, placement, now) => {
        if (placement.status !== 'hired' || !placement.startsOn) {
          throw new UnprocessableError('retention.not-hired', {
            es: 'Solo se da seguimiento de permanencia a una contratación.',
            en: 'Retention is checked only for a hire.',
          });
        }
        const checkedOn = request.checkedOn ?? today();
        const due = addDays(placement.startsOn, request.checkpointDays);
        if (checkedOn < due) {
          throw new UnprocessableError('retention.not-due', {
            es: `El seguimiento de ${request.checkpointDays} días corresponde desde el ${due}.`,
            en: `The ${request.checkpointDays}-day check is due from ${due}.`,
          });
        }
        const [current, earlier] =
          request.checkpointDays === 30
            ? [placement.retention30, null]
            : [placement.retention90, placement.retention30];
        if (current !== null) {
          throw new ConflictError('retention.already-recorded', {
            es: `El seguimiento de ${request.checkpointDays} días ya está registrado.`,
            en: `The ${request.checkpointDays}-day check is already recorded.`,
          });
        }
        if (request.checkpointDays === 90 && earlier !== true) {
          throw new ConflictError(
            earlier === false ? 'retention.already-left' : 'retention.out-of-order',
            {
              es:
                earlier === false
                  ? 'La persona ya había dejado el empleo a los 30 días.'
                  : 'Registre primero el seguimiento de 30 días.',
              en:
                earlier === false
                  ? 'The person had already left the job at 30 days.'
                  : 'Record the 30-day check first.',
            },
          );
        }
        await manager.query(
          `UPDATE placements SET ${request.checkpointDays === 30 ? 'retention_30' : 'retention_90'} = $2,
                left_reason = coalesce($3, left_reason), version = version + 1, updated_at = $4
          WHERE id = $1`,
          [placement.id, request.employed, request.employed ? null : request.reasonCode, now],
        );
        await this.events.retentionChecked(
          manager,
          {
            placementId: placement.id,
            caseId: placement.caseId,
            vacancyId: placement.vacancyId,
            employerId: placement.employerId,
            referralId: placement.referralId,
            checkpointDays: request.checkpointDays,
            employed: request.employed,
            reasonCode: request.employed ? null : request.reasonCode,
            checkedOn,
          },
          context,
          now,
        );
      },
    );
  }
}
