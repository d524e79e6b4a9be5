import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { referralStatusChangedV1 } from '@reintegra/event-contracts';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ConflictError, ForbiddenError, NotFoundError } from '@reintegra/platform-errors';
import { type EventContext, OutboxWriter, publishFacts } from '@reintegra/platform-messaging';
import { DirectoryEvents } from '../core/directory-events.service';
import { canAnswer, type InboxAnswer, type InboxStatus } from './inbox-transitions';

/** What an organisation sees of a referral: no case id, no person beyond the need-to-know facts. */
const INBOX_COLUMNS = `
  r.referral_id AS "referralId", r.service, r.priority, r.acknowledge_by AS "acknowledgeBy",
  r.status, r.reason_code AS "reasonCode", r.facts, r.asked_at AS "askedAt", r.updated_at AS "updatedAt"`;

interface InboxRow {
  referralId: string;
  service: string;
  status: InboxStatus;
}

const referralNotInInbox = () =>
  new NotFoundError('referral.not-found', {
    es: 'Remisión no encontrada en la bandeja de su organización.',
    en: "Referral not found in your organisation's inbox.",
  });

/**
 * The provider inbox of an outside organisation: its staff see only referrals addressed to it and
 * answer them; each answer is a `referral.status-changed` into the same closed loop as employment
 * and education (deadlines, escalation, re-routing).
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly events: DirectoryEvents,
  ) {}

  /** The caller's registered organisation; staff of anything else have no inbox. */
  async organizationOf(actor: Actor): Promise<string> {
    const organizationId = actor.organisationId;
    if (!hasAnyRole(actor, ['provider-staff']) || !organizationId) throw noInbox();
    const rows = (await this.dataSource.query(`SELECT 1 FROM organizations WHERE id = $1`, [
      organizationId,
    ])) as unknown[];
    if (rows.length === 0) throw noInbox();
    return organizationId;
  }

  async list(actor: Actor) {
    const organizationId = await this.organizationOf(actor);
    return this.dataSource.query(
      `SELECT ${INBOX_COLUMNS} FROM provider_referrals r
        WHERE r.organization_id = $1 ORDER BY r.asked_at DESC LIMIT 500`,
      [organizationId],
    );
  }

  async get(referralId: string, actor: Actor) {
    const organizationId = await this.organizationOf(actor);
    const rows = (await this.dataSource.query(
      `SELECT ${INBOX_COLUMNS} FROM provider_referrals r
        WHERE r.referral_id = $1 AND r.organization_id = $2`,
      [referralId, organizationId],
    )) as InboxRow[];
    if (!rows[0]) throw referralNotInInbox();
    return rows[0];
  }

  /** Records the organisation's answer and reports it, in one transaction (outbox). */
  async answer(
    referralId: string,
    answer: InboxAnswer,
    reasonCode: string | undefined,
    actor: Actor,
    context: EventContext,
  ) {
    const organizationId = await this.organizationOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT case_id AS "caseId", service, status FROM provider_referrals
          WHERE referral_id = $1 AND organization_id = $2 FOR UPDATE`,
        [referralId, organizationId],
      )) as { caseId: string; service: string; status: InboxStatus }[];
      const row = rows[0];
      if (!row) throw referralNotInInbox();
      if (!canAnswer(row.status, answer)) {
        throw new ConflictError('referral.illegal-transition', {
          es: `La remisión está en estado ${row.status}: no se puede pasar a ${answer}.`,
          en: `The referral is ${row.status}: it cannot become ${answer}.`,
        });
      }
      const now = new Date();
      await manager.query(
        `UPDATE provider_referrals SET status = $3, reason_code = $4, updated_at = $5
          WHERE referral_id = $1 AND organization_id = $2`,
        [referralId, organizationId, answer, reasonCode ?? null, now],
      );
      await publishFacts(
        this.outbox,
        manager,
        referralStatusChangedV1,
        row.caseId,
        {
          referralId,
          caseId: row.caseId,
          service: row.service as never,
          providerId: organizationId,
          status: answer,
          reasonCode,
        },
        context,
        now,
      );
      if (answer === 'no-capacity') {
        // What the provider reports is capacity too: routing skips it until it reports places
        // again (live capacity events, where they exist, still take precedence).
        const [full] = (await manager.query(
          `UPDATE services SET capacity_available = 0, capacity_updated_at = $3, updated_at = $3
            WHERE organization_id = $1 AND service_type = $2 AND status = 'active'
           RETURNING id`,
          [organizationId, row.service, now],
        )) as [{ id: string }[], number];
        for (const service of full) {
          await this.events.serviceChanged(manager, service.id, 'capacity-reported', context, now);
        }
      }
      return { referralId, status: answer, ...(reasonCode ? { reasonCode } : {}) };
    });
  }
}

function noInbox(): ForbiddenError {
  return new ForbiddenError('inbox.not-a-registered-organisation', {
    es: 'Su cuenta no pertenece a una organización registrada en el directorio.',
    en: 'Your account does not belong to an organisation registered in the directory.',
  });
}
