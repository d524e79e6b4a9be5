import { Injectable } from '@nestjs/common';
import type { EventEnvelope, FollowUpDueV1, PathPhaseChangedV1 } from '@reintegra/event-contracts';
import { caseNotFound } from '@reintegra/platform-errors';
import { Inbox, type MessagePosition } from '@reintegra/platform-messaging';
import { CaseLifecycleService } from '../core/case-lifecycle.service';
import { ReturnEpisode } from '../core/returnee.entities';

/**
 * Phases the reintegration path decides and intake mirrors on the case: services start when a
 * provider accepts, follow-up when the services end. The other phases are intake's own decisions
 * (assessment, plan approval, closure) that the path only echoes.
 */
const MIRRORED = ['in-services', 'follow-up'] as const;
type MirroredPhase = (typeof MIRRORED)[number];

const isMirrored = (phase: PathPhaseChangedV1['to']): phase is MirroredPhase =>
  (MIRRORED as readonly string[]).includes(phase);

/** Moves the case when the path enters in-services or follow-up (once per event; system actor). */
@Injectable()
export class PathPhaseService {
  constructor(
    private readonly inbox: Inbox,
    private readonly lifecycle: CaseLifecycleService,
  ) {}

  async onPhaseChanged(
    event: EventEnvelope<PathPhaseChangedV1>,
    position: MessagePosition,
  ): Promise<void> {
    const to = event.data.to;
    if (!isMirrored(to)) return;
    await this.inbox.handle(event, position, async (manager, context) => {
      const episode = await manager.findOne(ReturnEpisode, {
        where: { id: event.data.caseId },
        select: ['id', 'status'],
      });
      if (!episode) throw caseNotFound();
      // Already there (intake moved it, or the path repeated itself): nothing to do.
      if (episode.status === to) return;
      // An illegal move (e.g. of a closed case) throws a domain error: dead-lettered with it.
      await this.lifecycle.transition(manager, episode.id, to, {
        actor: context.actor,
        correlationId: context.correlationId,
        at: new Date(event.data.occurredAt),
      });
    });
  }

  /** Records that a follow-up wave is due, so the officer's re-assessment for it is accepted. */
  async onFollowUpDue(
    event: EventEnvelope<FollowUpDueV1>,
    position: MessagePosition,
  ): Promise<void> {
    await this.inbox.handle(event, position, async (manager) => {
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE return_episodes SET follow_up_waves_due = GREATEST(follow_up_waves_due, $2)
            WHERE id = $1`,
        [event.data.caseId, event.data.wave],
      );
      if (updated === 0) throw caseNotFound();
    });
  }
}
