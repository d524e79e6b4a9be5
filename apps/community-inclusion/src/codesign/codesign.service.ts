import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { ConflictError, NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import { managedActivity, visibleActivity } from '../core/activities.queries';
import { proposalNotFound } from '../core/scope';
import { suppressed } from '../core/small-cells';
import type { DecisionRequest, ProposalRequest, VoteRequest } from './codesign.requests';

const notAParticipant = () =>
  new UnprocessableError('codesign.not-a-participant', {
    es: 'Solo quienes participan en la actividad proponen y votan.',
    en: 'Only people taking part in the activity propose and vote.',
  });

/** Co-design of the next cycle: participants propose and vote; the decision is recorded. */
@Injectable()
export class CodesignService {
  constructor(private readonly dataSource: DataSource) {}

  async propose(activityId: string, request: ProposalRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const activity = await managedActivity(manager, actor, activityId);
      if (request.proposedBy) await this.member(manager, activity.id, request.proposedBy);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO proposals (id, activity_id, proposed_by, title, description, kind)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          activity.id,
          request.proposedBy ?? null,
          request.title,
          request.description,
          request.kind ?? null,
        ],
      );
      return { id, activityId: activity.id, status: 'open' };
    });
  }

  async vote(proposalId: string, request: VoteRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposal(manager, proposalId, actor, true);
      if (proposal.status !== 'open')
        throw new UnprocessableError('proposal.decided', {
          es: 'La propuesta ya fue decidida.',
          en: 'The proposal has been decided.',
        });
      await this.member(manager, proposal.activityId, request.participantId);
      const inserted = (await manager.query(
        `INSERT INTO votes (id, proposal_id, participant_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING id`,
        [request.voteId, proposal.id, request.participantId],
      )) as unknown[];
      if (inserted.length === 0) {
        const same = (await manager.query(
          `SELECT 1 FROM votes WHERE id = $1 AND proposal_id = $2 AND participant_id = $3`,
          [request.voteId, proposal.id, request.participantId],
        )) as unknown[];
        if (same.length === 0)
          throw new ConflictError('vote.duplicate', {
            es: 'Esta persona ya votó por esta propuesta.',
            en: 'This person has already voted for this proposal.',
          });
      }
      const [{ votes }] = (await manager.query(
        `SELECT count(*)::int AS votes FROM votes WHERE proposal_id = $1`,
        [proposal.id],
      )) as [{ votes: number }];
      return { proposalId: proposal.id, voteId: request.voteId, votes };
    });
  }

  async decide(proposalId: string, request: DecisionRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposal(manager, proposalId, actor, true);
      await managedActivity(manager, actor, proposal.activityId);
      await manager.query(
        `UPDATE proposals SET status = $2, decision_reason_code = $3, decided_by = $4, decided_at = now()
          WHERE id = $1`,
        [proposal.id, request.decision, request.reasonCode ?? null, actorReference(actor)],
      );
      return { id: proposal.id, status: request.decision, reasonCode: request.reasonCode ?? null };
    });
  }

  async list(activityId: string, actor: Actor) {
    const activity = await visibleActivity(this.dataSource.manager, actor, activityId);
    return this.dataSource.query(
      `SELECT p.id, p.title, p.description, p.kind, p.status, p.decision_reason_code AS "reasonCode",
              p.decided_at AS "decidedAt", (SELECT count(*) FROM votes v WHERE v.proposal_id = p.id)::int AS votes
         FROM proposals p WHERE p.activity_id = $1 ORDER BY votes DESC, p.created_at`,
      [activity.id],
    );
  }

  /**
   * Who decides: voters by origin, returnees beside the host community (residents, family,
   * diaspora, officials). Counts under 5 are suppressed, with the shares they would reveal.
   */
  async report(activityId: string, actor: Actor) {
    const activity = await visibleActivity(this.dataSource.manager, actor, activityId);
    const rows = (await this.dataSource.query(
      `SELECT CASE WHEN pa.origin = 'returnee' THEN 'returnee' ELSE 'host-community' END AS "group",
              count(DISTINCT v.participant_id)::int AS voters
         FROM votes v JOIN proposals p ON p.id = v.proposal_id
         JOIN participants pa ON pa.id = v.participant_id
        WHERE p.activity_id = $1 GROUP BY 1`,
      [activity.id],
    )) as { group: string; voters: number }[];
    const total = rows.reduce((sum, row) => sum + row.voters, 0);
    const cell = (group: string) => {
      const voters = rows.find((row) => row.group === group)?.voters ?? 0;
      return suppressed(voters)
        ? { voters: null, share: null, suppressed: true }
        : { voters, share: total ? voters / total : null, suppressed: false };
    };
    const returnee = cell('returnee');
    const host = cell('host-community');
    // One suppressed group would be revealed by the other and the total.
    const hide = returnee.suppressed || host.suppressed;
    return {
      activityId: activity.id,
      voters: suppressed(total) ? null : total,
      returnees: hide ? { voters: null, share: null, suppressed: true } : returnee,
      hostCommunity: hide ? { voters: null, share: null, suppressed: true } : host,
      proposals: await this.list(activityId, actor),
    };
  }

  private async proposal(manager: EntityManager, id: string, actor: Actor, lock: boolean) {
    const rows = (await manager.query(
      `SELECT id, activity_id AS "activityId", status FROM proposals WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as { id: string; activityId: string; status: string }[];
    if (!rows[0]) throw proposalNotFound();
    try {
      await managedActivity(manager, actor, rows[0].activityId);
    } catch (error) {
      if (error instanceof NotFoundError) throw proposalNotFound();
      throw error;
    }
    return rows[0];
  }

  private async member(manager: EntityManager, activityId: string, participantId: string) {
    const rows = (await manager.query(
      `SELECT 1 FROM memberships WHERE activity_id = $1 AND participant_id = $2 AND status IN ('active', 'completed')`,
      [activityId, participantId],
    )) as unknown[];
    if (rows.length === 0) throw notAParticipant();
  }
}
