import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import { outsideMunicipality } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { Memberships } from '../core/memberships.service';
import { participantNotFound } from '../core/scope';
import type { ConsentWithdrawalRequest, RegisterParticipantRequest } from './participants.requests';

export interface ParticipantRow {
  id: string;
  origin: string;
  caseId: string | null;
  displayName: string | null;
  ageBand: string | null;
  sex: string | null;
  neighbourhood: string | null;
  municipalityCode: string;
}

export const PARTICIPANT_COLUMNS = `p.id, p.origin, p.case_id AS "caseId", p.display_name AS "displayName",
  p.age_band AS "ageBand", p.sex, p.neighbourhood, p.municipality_code AS "municipalityCode"`;

/** People who take part: their minimal record, their own consents, and its withdrawal. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memberships: Memberships,
  ) {}

  async register(request: RegisterParticipantRequest, actor: Actor) {
    if (!hasAnyRole(actor, ['admin']) && !canActInMunicipality(actor, request.municipalityCode))
      throw outsideMunicipality();
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO participants (id, origin, display_name, age_band, sex, neighbourhood, municipality_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          request.origin,
          request.displayName,
          request.ageBand ?? null,
          request.sex ?? null,
          request.neighbourhood ?? null,
          request.municipalityCode,
        ],
      );
      for (const purpose of request.consent.purposes) {
        await manager.query(
          `INSERT INTO participant_consents (id, participant_id, purpose, form_version, granted_at, recorded_by)
           VALUES ($1, $2, $3, $4, now(), $5)`,
          [randomUUID(), id, purpose, request.consent.formVersion, `user:${actor.subject}`],
        );
      }
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor) {
    const participant = await this.visible(this.dataSource.manager, id, actor);
    const consents = (await this.dataSource.query(
      `SELECT id, purpose, form_version AS "formVersion", granted_at AS "grantedAt",
              withdrawn_at AS "withdrawnAt"
         FROM participant_consents WHERE participant_id = $1 ORDER BY granted_at`,
      [id],
    )) as unknown[];
    return { ...participant, consents };
  }

  /** A participant the caller may see: the facilitators of their municipality, or an admin (404 otherwise). */
  async visible(manager: EntityManager, id: string, actor: Actor): Promise<ParticipantRow> {
    const rows = (await manager.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p WHERE p.id = $1`,
      [id],
    )) as ParticipantRow[];
    const participant = rows[0];
    if (
      !participant ||
      !(
        hasAnyRole(actor, ['admin']) ||
        (hasAnyRole(actor, ['community-facilitator']) &&
          actor.municipalityCode === participant.municipalityCode)
      )
    )
      throw participantNotFound();
    return participant;
  }

  /**
   * The person withdraws a consent. Without consent to participate their name and neighbourhood
   * are erased and every place they hold ends; without survey consent no more answers are taken.
   */
  async withdrawConsent(
    id: string,
    request: ConsentWithdrawalRequest,
    actor: Actor,
    context: EventContext,
  ) {
    await this.dataSource.transaction(async (manager) => {
      const participant = await this.visible(manager, id, actor);
      await manager.query(
        `UPDATE participant_consents SET withdrawn_at = now()
          WHERE participant_id = $1 AND purpose = $2 AND withdrawn_at IS NULL`,
        [id, request.purpose],
      );
      if (request.purpose !== 'participation' || participant.origin === 'returnee') return;
      await manager.query(
        `UPDATE participants SET display_name = NULL, neighbourhood = NULL, erased_at = now() WHERE id = $1`,
        [id],
      );
      const live = await manager.query(
        `SELECT m.id FROM memberships m WHERE m.participant_id = $1 AND m.status = 'active'`,
        [id],
      );
      for (const { id: membershipId } of live as { id: string }[]) {
        const membership = await this.memberships.find(manager, membershipId);
        if (membership)
          await this.memberships.withdraw(manager, membership, 'consent-withdrawn', context);
      }
    });
    return this.get(id, actor);
  }
}
