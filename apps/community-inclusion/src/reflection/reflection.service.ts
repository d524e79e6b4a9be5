import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { DomainError, UnprocessableError } from '@reintegra/platform-errors';
import { findSession, reflectiveActivity } from '../core/activities.queries';
import { sessionNotFound } from '../core/scope';

/**
 * Guided reflection: notes of a sensitive session belong to the facilitators named on the
 * activity, nobody else (no supervisor, no admin). They never leave in an event or a log line;
 * every read, write and refusal is appended to reflection_audit (never the content).
 */
@Injectable()
export class ReflectionService {
  constructor(private readonly dataSource: DataSource) {}

  async write(sessionId: string, notes: string, actor: Actor) {
    const id = randomUUID();
    await this.guarded(sessionId, actor, 'write', async (manager) => {
      await manager.query(
        `INSERT INTO reflection_notes (id, session_id, author, notes) VALUES ($1, $2, $3, $4)`,
        [id, sessionId, actorReference(actor), notes],
      );
    });
    return { id, sessionId };
  }

  async read(sessionId: string, actor: Actor) {
    return this.guarded(sessionId, actor, 'read', (manager) =>
      manager.query(
        `SELECT id, author, notes, created_at AS "createdAt" FROM reflection_notes
          WHERE session_id = $1 ORDER BY created_at`,
        [sessionId],
      ),
    );
  }

  private async guarded<T>(
    sessionId: string,
    actor: Actor,
    action: 'read' | 'write',
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const session = await findSession(this.dataSource.manager, sessionId);
    if (!session) throw sessionNotFound();
    try {
      await reflectiveActivity(this.dataSource.manager, actor, session.activityId);
    } catch (error) {
      if (error instanceof DomainError)
        await this.audit(this.dataSource.manager, actor, 'refused', sessionId);
      throw error;
    }
    if (!session.sensitive)
      throw new UnprocessableError('session.not-sensitive', {
        es: 'Solo las sesiones marcadas como sensibles llevan notas de reflexión.',
        en: 'Only sessions marked sensitive carry reflection notes.',
      });
    return this.dataSource.transaction(async (manager) => {
      await this.audit(manager, actor, action, sessionId);
      return work(manager);
    });
  }

  private async audit(manager: EntityManager, actor: Actor, action: string, sessionId: string) {
    await manager.query(
      `INSERT INTO reflection_audit (actor, action, session_id) VALUES ($1, $2, $3)`,
      [actorReference(actor), action, sessionId],
    );
  }
}
