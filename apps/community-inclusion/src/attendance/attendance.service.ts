import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { findSession, managedActivity, today } from '../core/activities.queries';
import { sessionNotFound } from '../core/scope';
import { ParticipationService } from '../participation/participation.service';
import type { AttendanceSheetRequest, CreateSessionRequest } from './attendance.requests';

const SESSION_COLUMNS = `id, activity_id AS "activityId", to_char(held_on, 'YYYY-MM-DD') AS "heldOn", sensitive`;

/** Sessions of an activity and their attendance sheets, recorded by its facilitators (even offline). */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participation: ParticipationService,
  ) {}

  async createSession(activityId: string, request: CreateSessionRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const activity = await managedActivity(manager, actor, activityId);
      if (request.heldOn < activity.startsOn || request.heldOn > today())
        throw new UnprocessableError('session.outside-dates', {
          es: 'La sesión debe ser entre el inicio de la actividad y hoy.',
          en: 'The session must fall between the activity start and today.',
        });
      const id = request.id ?? randomUUID();
      const [inserted] = (await manager.query(
        `INSERT INTO sessions (id, activity_id, held_on, sensitive, created_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, activity.id, request.heldOn, request.sensitive, `user:${actor.subject}`],
      )) as unknown[];
      const session = await findSession(manager, id);
      if (!session || session.activityId !== activity.id) throw sessionNotFound();
      return { ...session, created: inserted !== undefined };
    });
  }

  async sessions(activityId: string, actor: Actor) {
    const activity = await managedActivity(this.dataSource.manager, actor, activityId);
    return this.dataSource.query(
      `SELECT ${SESSION_COLUMNS},
              (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.present)::int AS present
         FROM sessions s WHERE activity_id = $1 ORDER BY held_on DESC`,
      [activity.id],
    );
  }

  /**
   * Records a sheet in one transaction: a mark id already recorded is skipped; a newer mark for
   * the same person and session replaces an older one (a correction). Then the milestones follow.
   */
  async record(
    sessionId: string,
    request: AttendanceSheetRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const session = await findSession(manager, sessionId);
      if (!session) throw sessionNotFound();
      const activity = await managedActivity(manager, actor, session.activityId, true);
      const ids = request.marks.map((m) => m.participantId);
      const members = (await manager.query(
        `SELECT participant_id AS id FROM memberships
          WHERE activity_id = $1 AND participant_id = ANY ($2::uuid[]) AND status IN ('active', 'completed')`,
        [activity.id, ids],
      )) as { id: string }[];
      const known = new Set(members.map((m) => m.id));
      const strangers = ids.filter((id) => !known.has(id));
      if (strangers.length > 0)
        throw new UnprocessableError('attendance.not-a-participant', {
          es: `Personas que no participan en la actividad: ${strangers.length}.`,
          en: `People not taking part in the activity: ${strangers.length}.`,
        });
      const now = new Date().toISOString();
      const written = (await manager.query(
        `INSERT INTO attendance (session_id, participant_id, mark_id, present, marked_at, recorded_by)
         SELECT $1, m.participant_id, m.mark_id, m.present, m.marked_at, $3
           FROM jsonb_to_recordset($2::jsonb)
                AS m(participant_id uuid, mark_id uuid, present boolean, marked_at timestamptz)
         ON CONFLICT (session_id, participant_id) DO UPDATE
            SET present = EXCLUDED.present, mark_id = EXCLUDED.mark_id,
                marked_at = EXCLUDED.marked_at, recorded_by = EXCLUDED.recorded_by
          WHERE attendance.mark_id <> EXCLUDED.mark_id AND attendance.marked_at < EXCLUDED.marked_at
         RETURNING mark_id`,
        [
          session.id,
          JSON.stringify(
            request.marks.map((m) => ({
              participant_id: m.participantId,
              mark_id: m.markId,
              present: m.present,
              marked_at: m.markedAt ?? now,
            })),
          ),
          `user:${actor.subject}`,
        ],
      )) as unknown[];
      if (written.length > 0) await this.participation.evaluate(manager, activity, context);
      return {
        sessionId: session.id,
        marks: request.marks.length,
        recorded: written.length,
        alreadyRecorded: request.marks.length - written.length,
      };
    });
  }
}
