import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type PartnerCategory, partnerTopicOf } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import { AuditLog } from '../core/audit-log.service';
import { newPseudonymSalt } from '../crypto/gateway-keys';
import { subscribableTypes } from '../policy/category-policy';
import { agencyNotFound } from './errors';
import type { CreateAgencyRequest } from './registry.requests';

export interface Agency {
  id: string;
  name: string;
  category: PartnerCategory;
  active: boolean;
}

/** An agency acting itself, as the audit log names it. */
export const agencyActor = (agency: Pick<Agency, 'id'>) => `agency:${agency.id}`;

/**
 * The registered partner agencies. Every change is audited in its own transaction; a refused
 * request writes nothing but its audit record (see AuditedProblemsFilter).
 */
@Injectable()
export class AgenciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async createAgency(actor: string, request: CreateAgencyRequest) {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO agencies (id, name, category, pseudonym_salt) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [request.id, request.name, request.category, newPseudonymSalt()],
      );
      if (inserted.length === 0) {
        throw new ConflictError(
          'agency.exists',
          { es: 'Ya existe una agencia con ese id.', en: 'An agency with that id already exists.' },
          `/admin/agencies/${request.id}`,
        );
      }
      await this.audit.record(
        {
          actor,
          action: 'agency.create',
          outcome: 'allowed',
          agencyId: request.id,
          detail: { category: request.category },
        },
        manager,
      );
      return this.describe({ ...request, active: true });
    });
  }

  async listAgencies() {
    const rows: Agency[] = await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies ORDER BY id`,
    );
    return rows.map((agency) => this.describe(agency));
  }

  async agency(agencyId: string): Promise<Agency> {
    const [row] = (await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies WHERE id = $1`,
      [agencyId],
    )) as Agency[];
    if (!row) throw agencyNotFound();
    return row;
  }

  /** An agency as shown to its staff and the admin: with what it may subscribe to. */
  describe(agency: Agency) {
    return {
      ...agency,
      allowedEventTypes: subscribableTypes(agency.category),
      kafkaTopic: partnerTopicOf(agency.id),
    };
  }
}
