import { Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { caseNotFound, ConflictError } from '@reintegra/platform-errors';
import {
  type PathState,
  reassignOfficerUpdate,
  reintegrationPathWorkflowId,
  setPausedUpdate,
} from '@reintegra/workflow-contracts';

const UPDATE_DEADLINE_MS = 5_000;

type Handle = ReturnType<Client['workflow']['getHandle']>;
type PathAction = 'path.officer-reassigned' | 'path.paused' | 'path.resumed';

/** Why the path refused (the workflow validator's reason), in the officer's words. */
const REFUSALS: Record<string, { es: string; en: string }> = {
  'already assigned': {
    es: 'Ese oficial ya sigue este expediente.',
    en: 'That officer already follows this case.',
  },
  'already paused': { es: 'El recorrido ya está en pausa.', en: 'The path is already paused.' },
  'not paused': { es: 'El recorrido no está en pausa.', en: 'The path is not paused.' },
  'the path is closed': {
    es: 'El recorrido está cerrado; ya no se cambia.',
    en: 'The path is closed; it no longer changes.',
  },
};

/**
 * The supervisor's actions on a running path, sent as the workflow's own updates (its validators
 * decide whether the change is legal now). Only a supervisor of the case's municipality acts; a
 * case outside it is not found. Every attempt is audited with its outcome.
 */
@Injectable()
export class PathActions {
  constructor(
    private readonly temporal: Client,
    private readonly dataSource: DataSource,
  ) {}

  reassignOfficer(caseId: string, officerId: string, actor: Actor, correlationId: string) {
    const supervisorId = actorReference(actor);
    return this.act(caseId, actor, 'path.officer-reassigned', null, correlationId, (handle) =>
      handle.executeUpdate(reassignOfficerUpdate, { args: [{ supervisorId, officerId }] }),
    );
  }

  setPaused(
    caseId: string,
    paused: boolean,
    reasonCode: string,
    actor: Actor,
    correlationId: string,
  ) {
    const supervisorId = actorReference(actor);
    const action = paused ? 'path.paused' : 'path.resumed';
    return this.act(caseId, actor, action, reasonCode, correlationId, (handle) =>
      handle.executeUpdate(setPausedUpdate, { args: [{ supervisorId, paused, reasonCode }] }),
    );
  }

  private async act(
    caseId: string,
    actor: Actor,
    action: PathAction,
    reasonCode: string | null,
    correlationId: string,
    update: (handle: Handle) => Promise<PathState>,
  ): Promise<PathState> {
    const [row] = (await this.dataSource.query(
      `SELECT municipality_code FROM cases WHERE case_id = $1`,
      [caseId],
    )) as { municipality_code: string | null }[];
    if (!row || row.municipality_code === null || row.municipality_code !== actor.municipalityCode)
      throw caseNotFound();
    const handle = this.temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    try {
      const state = await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        update(handle),
      );
      await this.audit(action, actor, caseId, reasonCode, 'done', correlationId);
      return state;
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      await this.audit(action, actor, caseId, reasonCode, 'rejected', correlationId);
      throw refusal;
    }
  }

  private async audit(
    action: PathAction,
    actor: Actor,
    caseId: string,
    reasonCode: string | null,
    outcome: 'done' | 'rejected',
    correlationId: string,
  ) {
    await this.dataSource.query(
      `INSERT INTO path_actions_audit (occurred_at, actor, action, case_id, reason_code, outcome, correlation_id)
       VALUES (now(), $1, $2, $3, $4, $5, $6)`,
      [actorReference(actor), action, caseId, reasonCode, outcome, correlationId],
    );
  }
}

/** The problem to answer when the path refused or is not there; undefined for other failures. */
function refusalOf(error: unknown): ConflictError | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return new ConflictError('path.not-running', {
      es: 'Este expediente no tiene un recorrido en curso.',
      en: 'This case has no running path.',
    });
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const reason = error.cause?.message ?? error.message;
    return new ConflictError(
      'path.change-refused',
      REFUSALS[reason] ?? {
        es: 'El recorrido no admite ese cambio ahora.',
        en: 'The path does not take that change now.',
      },
      undefined,
      { reason },
    );
  }
  return undefined;
}
