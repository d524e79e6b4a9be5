import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@reintegra/platform-errors';
import { AuditLog } from '../core/audit-log.service';
import { AgenciesService } from './agencies.service';
import { newApiKey } from './api-keys';
import type { IssueApiKeyRequest } from './registry.requests';

/** An agency's API keys: issued (shown once) and revoked by the admin, each change audited. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly audit: AuditLog,
  ) {}

  async issueApiKey(actor: string, agencyId: string, request: IssueApiKeyRequest) {
    await this.agencies.agency(agencyId);
    const key = newApiKey();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agency_credentials (id, agency_id, secret_sha256, label, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [key.keyId, agencyId, key.secretHash, request.label ?? null, request.expiresAt ?? null],
      );
      await this.audit.record(
        { actor, action: 'api-key.issue', outcome: 'allowed', agencyId, target: key.keyId },
        manager,
      );
    });
    return {
      keyId: key.keyId,
      apiKey: key.apiKey,
      label: request.label,
      expiresAt: request.expiresAt,
    };
  }

  async revokeApiKey(actor: string, agencyId: string, keyId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, revoked] = (await manager.query(
        `UPDATE agency_credentials SET revoked_at = coalesce(revoked_at, now())
          WHERE id = $1 AND agency_id = $2`,
        [keyId, agencyId],
      )) as [unknown, number];
      if (revoked === 0) {
        throw new NotFoundError('api-key.not-found', {
          es: 'Clave de API no encontrada para esta agencia.',
          en: 'API key not found for this agency.',
        });
      }
      await this.audit.record(
        { actor, action: 'api-key.revoke', outcome: 'allowed', agencyId, target: keyId },
        manager,
      );
    });
  }
}
