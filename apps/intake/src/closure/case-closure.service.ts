import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  caseClosedV1,
  closureProposedV1,
  type CaseStatus,
  type ClosureReason,
} from '@reintegra/event-contracts';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { caseNotFound, ConflictError } from '@reintegra/platform-errors';
import { OutboxWriter } from '@reintegra/platform-messaging';
import { IntakeAudit } from '../core/intake-audit.service';
import { CaseAccess } from '../core/case-access.service';
import { CaseLifecycleService, illegalCaseTransition } from '../core/case-lifecycle.service';
import { ReturnEpisode } from '../core/returnee.entities';
import { allowedClosureReasons, canCloseWith } from './closure-rules';

export interface CaseCloser {
  /** Pseudonymous reference of whoever decides (`user:…`), or `system:intake`. */
  readonly actor: string;
  readonly correlationId: string;
  /** What caused the closure when it is not a person's decision (the new episode of a return). */
  readonly causedBy?: string;
}

export interface ClosureView {
  caseId: string;
  status: CaseStatus;
  closureReason: ClosureReason | null;
  version: number;
}

const reasonNotAllowed = (status: CaseStatus, reason: ClosureReason) => {
  const allowed = allowedClosureReasons(status);
  return new ConflictError(
    'case.closure-reason-not-allowed',
    {
      es: `Un expediente en estado "${status}" no puede cerrarse como "${reason}" (motivos posibles: ${allowed.join(', ') || '—'}). "reintegrated" solo desde seguimiento.`,
      en: `A case in status "${status}" cannot close as "${reason}" (possible reasons: ${allowed.join(', ') || '—'}). "reintegrated" only from follow-up.`,
    },
    undefined,
    { currentStatus: status, allowedReasons: allowed },
  );
};

/**
 * Closing a case: the officer proposes, a supervisor decides. `close` is the one place a case
 * closes — status through CaseLifecycleService, `case.closed` for the path, the audit entry and
 * the pending proposal settled — whoever asks (a supervisor, or the system on a new return).
 */
@Injectable()
export class CaseClosureService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly cases: CaseAccess,
    private readonly lifecycle: CaseLifecycleService,
    private readonly audit: IntakeAudit,
  ) {}

  propose(caseId: string, reason: ClosureReason, actor: Actor, correlationId: string) {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const episode = await this.lockCase(manager, caseId);
      if (episode.status === 'closed') throw illegalCaseTransition('closed', 'closed');
      if (!canCloseWith(episode.status, reason)) throw reasonNotAllowed(episode.status, reason);
      const now = new Date();
      const by = actorReference(actor);
      // A new proposal replaces the one still waiting (the officer changed their mind).
      await manager.query(
        `UPDATE case_closure_proposals SET decided_at = $2, decision = 'superseded'
          WHERE case_id = $1 AND decided_at IS NULL`,
        [caseId, now],
      );
      const proposalId = randomUUID();
      await manager.query(
        `INSERT INTO case_closure_proposals (id, case_id, reason, proposed_at, proposed_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [proposalId, caseId, reason, now, by],
      );
      await this.outbox.publish(
        manager,
        closureProposedV1,
        {
          subject: caseId,
          time: now,
          data: { caseId, reason, proposedBy: by, proposedAt: now.toISOString() },
        },
        { actor: by, correlationId },
      );
      await this.audit.record(manager, {
        action: 'case.closure-proposed',
        actor: by,
        caseId,
        relatedId: proposalId,
        reasonCode: reason,
        correlationId,
        at: now,
      });
      return { id: proposalId, caseId, reason, proposedAt: now.toISOString() };
    });
  }

  /** A supervisor closes the case (with or without a proposal before). */
  closeBySupervisor(caseId: string, reason: ClosureReason, actor: Actor, correlationId: string) {
    return this.cases.inCase(caseId, actor, async (manager) => {
      return this.close(manager, caseId, reason, {
        actor: actorReference(actor),
        correlationId,
      });
    });
  }

  /** Closes a case inside the caller's transaction. */
  async close(
    manager: EntityManager,
    caseId: string,
    reason: ClosureReason,
    closer: CaseCloser,
  ): Promise<ClosureView> {
    const episode = await this.lockCase(manager, caseId);
    if (episode.status === 'closed') throw illegalCaseTransition('closed', 'closed');
    if (!canCloseWith(episode.status, reason)) throw reasonNotAllowed(episode.status, reason);
    const at = new Date();
    const closed = await this.lifecycle.transition(manager, caseId, 'closed', {
      actor: closer.actor,
      correlationId: closer.correlationId,
      closureReason: reason,
      at,
    });
    await manager.query(
      `UPDATE case_closure_proposals SET decided_at = $2, decision = 'closed'
        WHERE case_id = $1 AND decided_at IS NULL`,
      [caseId, at],
    );
    await this.outbox.publish(
      manager,
      caseClosedV1,
      {
        subject: caseId,
        time: at,
        data: { caseId, reason, approvedBy: closer.actor, closedAt: at.toISOString() },
      },
      { actor: closer.actor, correlationId: closer.correlationId },
    );
    await this.audit.record(manager, {
      action: 'case.closed',
      actor: closer.actor,
      caseId,
      returneeId: episode.returneeId,
      ...(closer.causedBy ? { relatedId: closer.causedBy } : {}),
      reasonCode: reason,
      correlationId: closer.correlationId,
      at,
    });
    return {
      caseId,
      status: closed.status,
      closureReason: closed.closureReason,
      version: closed.version,
    };
  }

  private async lockCase(manager: EntityManager, caseId: string): Promise<ReturnEpisode> {
    const episode = await manager.findOne(ReturnEpisode, {
      where: { id: caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!episode) throw caseNotFound();
    return episode;
  }
}
