import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EnrolmentStatus } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import { ConflictError, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import type { EducationEnrolmentConfig } from '../config';
import { lockCohort } from '../core/cohorts.queries';
import { EducationEvents } from '../core/education-events.service';
import { canManageProvider, canSeeCohort, cohortNotFound, forbidden } from '../core/scope';
import type { RecordSessionRequest } from './attendance.requests';

interface Row {
  id: string;
  caseId: string;
  referralId: string | null;
  status: EnrolmentStatus;
  consecutiveAbsences: number;
}

/**
 * Attendance per cohort session. The first attended session moves an enrolment to `attending`;
 * the configured number of consecutive absences raises one at-risk event (again only after the
 * learner has attended in between).
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EducationEvents,
    @Inject(APP_CONFIG) private readonly config: EducationEnrolmentConfig,
  ) {}

  async recordSession(
    cohortId: string,
    request: RecordSessionRequest,
    actor: Actor,
    context: EventContext,
  ) {
    const threshold = this.config.ATTENDANCE_AT_RISK_ABSENCES;
    return this.dataSource.transaction(async (manager) => {
      const cohort = await lockCohort(manager, cohortId);
      if (!canManageProvider(actor, cohort.providerId)) {
        throw canSeeCohort(actor, cohort) ? forbidden() : cohortNotFound();
      }
      if (request.heldOn < cohort.startsOn || request.heldOn > cohort.endsOn) {
        throw new UnprocessableError('attendance.outside-cohort-dates', {
          es: `La sesión (${request.heldOn}) está fuera de las fechas de la cohorte (${cohort.startsOn} a ${cohort.endsOn}).`,
          en: `The session (${request.heldOn}) is outside the cohort dates (${cohort.startsOn} to ${cohort.endsOn}).`,
        });
      }
      const latest = (await manager.query(
        `SELECT max(held_on)::text AS "latest" FROM attendance_sessions WHERE cohort_id = $1`,
        [cohort.id],
      )) as { latest: string | null }[];
      const last = latest[0]?.latest;
      if (last && request.heldOn <= last) {
        // Consecutive absences are counted in session order, so sessions are recorded in order.
        throw new ConflictError(
          request.heldOn === last ? 'attendance.duplicate-session' : 'attendance.out-of-order',
          {
            es: `Ya hay asistencia registrada hasta el ${last}; registre sesiones posteriores.`,
            en: `Attendance is recorded up to ${last}; record later sessions only.`,
          },
        );
      }
      const ids = request.attendance.map((row) => row.enrolmentId);
      const rows = (await manager.query(
        `SELECT id, case_id AS "caseId", referral_id AS "referralId", status,
                consecutive_absences AS "consecutiveAbsences"
           FROM enrolments
          WHERE id = ANY ($1::uuid[]) AND cohort_id = $2 AND status IN ('enrolled', 'attending')
          FOR UPDATE`,
        [ids, cohort.id],
      )) as Row[];
      const known = new Set(rows.map((row) => row.id));
      const strangers = ids.filter((id) => !known.has(id));
      if (strangers.length > 0) {
        throw new UnprocessableError('attendance.not-enrolled', {
          es: `Sin matrícula vigente en esta cohorte: ${strangers.join(', ')}.`,
          en: `Not currently enrolled in this cohort: ${strangers.join(', ')}.`,
        });
      }
      const now = new Date();
      const sessionId = randomUUID();
      await manager.query(
        `INSERT INTO attendance_sessions (id, cohort_id, held_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [sessionId, cohort.id, request.heldOn, context.actor, now],
      );
      await manager.query(
        `INSERT INTO attendance_records (session_id, enrolment_id, present)
         SELECT $1, unnest($2::uuid[]), unnest($3::boolean[])`,
        [sessionId, ids, request.attendance.map((row) => row.present)],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      const atRisk: string[] = [];
      for (const { enrolmentId, present } of request.attendance) {
        const row = byId.get(enrolmentId);
        if (!row) continue; // unreachable: every id was checked above
        const absences = present ? 0 : row.consecutiveAbsences + 1;
        const status: EnrolmentStatus =
          present && row.status === 'enrolled' ? 'attending' : row.status;
        await manager.query(
          `UPDATE enrolments SET consecutive_absences = $2, status = $3, updated_at = $4
            WHERE id = $1`,
          [enrolmentId, absences, status, now],
        );
        if (status !== row.status) {
          await this.events.enrolmentMoved(
            manager,
            cohort,
            {
              enrolmentId,
              caseId: row.caseId,
              referralId: row.referralId,
              from: row.status,
              status,
            },
            context,
            now,
          );
        }
        if (absences === threshold) {
          atRisk.push(enrolmentId);
          await this.events.atRisk(
            manager,
            cohort,
            {
              enrolmentId,
              caseId: row.caseId,
              referralId: row.referralId,
              consecutiveAbsences: absences,
              threshold,
              lastSessionOn: request.heldOn,
            },
            context,
            now,
          );
        }
      }
      return { sessionId, cohortId: cohort.id, heldOn: request.heldOn, atRisk };
    });
  }
}
