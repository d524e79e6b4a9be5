import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CaseStatus,
  caseStatusChangedV1,
  type ClosureReason,
} from '@reintegra/event-contracts';
import { caseNotFound, ConflictError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { ReturnEpisode } from './returnee.entities';
import { allowedNextStatuses, canMoveCase } from './case-lifecycle';

export interface CaseTransitionContext {
  /** Pseudonymous actor reference (actorReference), or `system:<component>`. */
  readonly actor: string;
  readonly correlationId: string;
  readonly at?: Date;
  /** Required when moving to `closed`. */
  readonly closureReason?: ClosureReason;
}

export const illegalCaseTransition = (from: CaseStatus, to: CaseStatus) => {
  const allowed = allowedNextStatuses(from);
  const list = allowed.length > 0 ? allowed.join(', ') : '—';
  return new ConflictError(
    'case.illegal-transition',
    {
      es: `Un expediente en estado "${from}" no puede pasar a "${to}" (permitido: ${list}).`,
      en: `A case in status "${from}" cannot move to "${to}" (allowed: ${list}).`,
    },
    undefined,
    { currentStatus: from, allowed },
  );
};

/**
 * The one way a case changes status: locks the row, checks the lifecycle, bumps the version and
 * publishes `case.status-changed` through the outbox in the caller's transaction.
 */
@Injectable()
export class CaseLifecycleService {
  constructor(private readonly outbox: OutboxWriter) {}

  async transition(
    manager: EntityManager,
    caseId: string,
    to: CaseStatus,
    context: CaseTransitionContext,
  ): Promise<ReturnEpisode> {
    const episode = await manager.findOne(ReturnEpisode, {
      where: { id: caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!episode) throw caseNotFound();
    const from = episode.status;
    if (!canMoveCase(from, to)) throw illegalCaseTransition(from, to);
    if (to === 'closed' && !context.closureReason) {
      throw new Error('Closing a case needs a closure reason');
    }
    const at = context.at ?? new Date();
    const changes = {
      status: to,
      statusChangedAt: at,
      closureReason: to === 'closed' ? (context.closureReason ?? null) : null,
      version: episode.version + 1,
    };
    await manager.update(ReturnEpisode, { id: caseId }, changes);
    await this.outbox.publish(
      manager,
      caseStatusChangedV1,
      {
        subject: caseId,
        time: at,
        data: {
          caseId,
          from,
          to,
          ...(changes.closureReason ? { reasonCode: changes.closureReason } : {}),
          changedAt: at.toISOString(),
        },
      },
      context,
    );
    return Object.assign(episode, changes);
  }
}
