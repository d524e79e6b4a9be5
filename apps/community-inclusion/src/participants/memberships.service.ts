import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { ParticipantOrigin } from '@reintegra/event-contracts';
import type { Actor } from '@reintegra/platform-auth';
import {
  ConflictError,
  NotFoundError,
  referralNotFound,
  UnprocessableError,
} from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { type ActivityRow, managedActivity, today } from '../core/activities.queries';
import { CommunityEvents } from '../core/community-events.service';
import { Memberships } from '../core/memberships.service';
import { ReferralLedger } from '../core/referral-ledger.service';
import type { JoinActivityRequest, WithdrawalRequest } from './participants.requests';
import {
  PARTICIPANT_COLUMNS,
  type ParticipantRow,
  ParticipantsService,
} from './participants.service';

const consentMissing = () =>
  new UnprocessableError('participant.consent-missing', {
    es: 'La persona no tiene un consentimiento vigente para participar.',
    en: 'The person has no current consent to take part.',
  });

/** Joining an activity (which accepts a community referral) and leaving it. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly participants: ParticipantsService,
    private readonly ledger: ReferralLedger,
    private readonly memberships: Memberships,
    private readonly events: CommunityEvents,
  ) {}

  async join(
    activityId: string,
    request: JoinActivityRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const activity = await managedActivity(manager, actor, activityId, true);
      if (!activity.open || (activity.endsOn !== null && activity.endsOn < today()))
        throw new UnprocessableError('activity.closed', {
          es: 'La actividad no admite inscripciones.',
          en: 'The activity is not taking people.',
        });
      const participant = request.participantId
        ? await this.registered(manager, request.participantId, actor)
        : await this.returnee(manager, activity, request);
      const existing = (await manager.query(
        `SELECT 1 FROM memberships WHERE activity_id = $1 AND participant_id = $2`,
        [activity.id, participant.id],
      )) as unknown[];
      if (existing.length > 0)
        throw new ConflictError('membership.duplicate', {
          es: 'La persona ya participa en esta actividad.',
          en: 'The person already takes part in this activity.',
        });
      if (activity.seatsTaken >= activity.capacity)
        throw new ConflictError('activity.full', {
          es: 'La actividad no tiene cupos libres.',
          en: 'The activity has no free places.',
        });
      const id = randomUUID();
      const joinedOn = request.joinedOn ?? today();
      await manager.query(
        `INSERT INTO memberships (id, activity_id, participant_id, referral_id, joined_on, status)
         VALUES ($1, $2, $3, $4, $5, 'active')`,
        [id, activity.id, participant.id, request.referralId ?? null, joinedOn],
      );
      await manager.query(
        `UPDATE activities SET seats_taken = seats_taken + 1, updated_at = now() WHERE id = $1`,
        [activity.id],
      );
      // Seats are routing facts: every change is published (key: activity id).
      await this.events.activityChanged(
        manager,
        { ...activity, seatsTaken: activity.seatsTaken + 1 },
        'updated',
        context,
      );
      await this.events.milestone(
        manager,
        {
          participantId: participant.id,
          activityId: activity.id,
          municipalityCode: activity.municipalityCode,
          origin: participant.origin as ParticipantOrigin,
          caseId: participant.caseId,
          referralId: request.referralId ?? null,
          milestone: 'joined',
        },
        context,
      );
      // Joining is the provider's acceptance of the referral.
      if (request.referralId)
        await this.ledger.move(
          manager,
          request.referralId,
          'accepted',
          { providerId: activity.providerId, membershipId: id },
          context,
        );
      return {
        id,
        activityId: activity.id,
        participantId: participant.id,
        referralId: request.referralId ?? null,
        status: 'active',
        joinedOn,
      };
    });
  }

  private async registered(manager: EntityManager, id: string, actor: Actor) {
    const participant = await this.participants.visible(manager, id, actor);
    const consent =
      participant.origin === 'returnee'
        ? await manager.query(
            `SELECT 1 FROM case_consents WHERE case_id = $1 AND withdrawn_at IS NULL`,
            [participant.caseId],
          )
        : await manager.query(
            `SELECT 1 FROM participant_consents
              WHERE participant_id = $1 AND purpose = 'participation' AND withdrawn_at IS NULL`,
            [id],
          );
    if ((consent as unknown[]).length === 0) throw consentMissing();
    return participant;
  }

  /** A returnee by case reference: their consent to a community referral is intake's, read from its events. */
  private async returnee(
    manager: EntityManager,
    activity: ActivityRow,
    request: JoinActivityRequest,
  ): Promise<ParticipantRow> {
    const caseId = request.caseId as string;
    if (request.referralId) {
      const referral = await this.ledger.lock(manager, request.referralId);
      if (!referral || referral.caseId !== caseId) throw referralNotFound();
      if (referral.status !== 'received')
        throw new UnprocessableError('referral.not-open', {
          es: 'La remisión ya fue respondida.',
          en: 'The referral has already been answered.',
        });
      if (!referral.providerIds.includes(activity.providerId))
        throw new UnprocessableError('referral.other-provider', {
          es: 'La remisión no se dirige a la organización de esta actividad.',
          en: 'The referral is not addressed to the organisation running this activity.',
        });
    }
    const consent = (await manager.query(
      `SELECT 1 FROM case_consents WHERE case_id = $1 AND withdrawn_at IS NULL`,
      [caseId],
    )) as unknown[];
    if (consent.length === 0) throw consentMissing();
    await manager.query(
      `INSERT INTO participants (id, origin, case_id, age_band, sex, municipality_code)
       VALUES ($1, 'returnee', $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
      [
        randomUUID(),
        caseId,
        request.ageBand ?? null,
        request.sex ?? null,
        activity.municipalityCode,
      ],
    );
    const rows = (await manager.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.case_id = $1`,
      [caseId],
    )) as ParticipantRow[];
    return rows[0];
  }

  /** Everyone in an activity (for its facilitators): minimal data and their place. */
  async list(activityId: string, actor: Actor) {
    const activity = await managedActivity(this.dataSource.manager, actor, activityId);
    return this.dataSource.query(
      `SELECT m.id AS "membershipId", m.status, to_char(m.joined_on, 'YYYY-MM-DD') AS "joinedOn",
              m.referral_id AS "referralId", ${PARTICIPANT_COLUMNS}
         FROM memberships m JOIN participants p ON p.id = m.participant_id
        WHERE m.activity_id = $1 ORDER BY m.created_at`,
      [activity.id],
    );
  }

  /** The person leaves (or the facilitator ends their place): a referral it answered is not completed. */
  async withdraw(
    membershipId: string,
    request: WithdrawalRequest,
    actor: Actor,
    context: EventContext,
  ) {
    return this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.find(manager, membershipId);
      if (!membership)
        throw new NotFoundError('membership.not-found', {
          es: 'Participación no encontrada.',
          en: 'Participation not found.',
        });
      const activity = await managedActivity(manager, actor, membership.activityId, true);
      const ended = await this.memberships.withdraw(
        manager,
        membership,
        request.reasonCode,
        context,
      );
      if (ended && membership.referralId)
        await this.ledger.move(
          manager,
          membership.referralId,
          'not-completed',
          { providerId: activity.providerId, reasonCode: request.reasonCode },
          context,
        );
      return { id: membershipId, status: 'withdrawn', reasonCode: request.reasonCode };
    });
  }
}
