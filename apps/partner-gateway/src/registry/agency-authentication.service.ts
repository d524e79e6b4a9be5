import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ForbiddenError } from '@reintegra/platform-errors';
import { AgencyUnauthenticatedError } from '../core/errors';
import type { Agency } from './agencies.service';
import { hashSecret, parseApiKey, secretMatches } from './api-keys';

/** Who an agency caller is: by its API key or by its organisation in a partner token. */
@Injectable()
export class AgencyAuthentication {
  constructor(private readonly dataSource: DataSource) {}

  /** The agency an API key belongs to; 401 for a key that is unknown, wrong, revoked or expired. */
  async authenticateApiKey(raw: string): Promise<Agency & { keyId: string }> {
    const parsed = parseApiKey(raw);
    if (!parsed)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'malformed-key');
    const [row] = (await this.dataSource.query(
      `SELECT c.secret_sha256, c.expires_at, c.revoked_at, a.id, a.name, a.category, a.active
         FROM agency_credentials c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1`,
      [parsed.keyId],
    )) as Array<
      Agency & { secret_sha256: Buffer; expires_at: Date | null; revoked_at: Date | null }
    >;
    // Compare a hash even for an unknown key id, so timing does not tell which ids exist.
    const matches = secretMatches(parsed.secret, row?.secret_sha256 ?? hashSecret(''));
    if (!row || !matches)
      throw new AgencyUnauthenticatedError(
        'agency.credentials-invalid',
        row ? 'wrong-secret' : 'unknown-key',
      );
    if (row.revoked_at)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'revoked-key');
    if (!row.active)
      throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'agency-inactive');
    if (row.expires_at && row.expires_at.getTime() <= Date.now())
      throw new AgencyUnauthenticatedError('agency.credentials-expired', 'expired-key');
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      active: row.active,
      keyId: parsed.keyId,
    };
  }

  /** The registered agency of a partner token's organisation (client credentials). */
  async agencyOfOrganisation(organisationId: string | undefined): Promise<Agency> {
    const [row] = (await this.dataSource.query(
      `SELECT id, name, category, active FROM agencies WHERE id = $1 AND active`,
      [organisationId ?? ''],
    )) as Agency[];
    if (!row) {
      throw new ForbiddenError('agency.unknown', {
        es: 'Su organización no está registrada como agencia socia activa.',
        en: 'Your organisation is not registered as an active partner agency.',
      });
    }
    return row;
  }
}
