import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { type Actor, hasAnyRole, Public, TokenVerifier } from '@reintegra/platform-auth';
import { ForbiddenError } from '@reintegra/platform-errors';
import { ApiOwnBearerAuth } from '@reintegra/platform-http';
import { AuditedProblemsFilter } from '../core/audited-problems.filter';
import { AgencyUnauthenticatedError } from '../core/errors';
import type { Agency } from './agencies.service';
import { AgencyAuthentication } from './agency-authentication.service';

export interface AgencyRequest {
  headers: Record<string, string | undefined>;
  agency?: Agency;
  /** The verified token's caller, set before its role and organisation are checked. */
  actor?: Actor;
  /** What the audit record of a refusal should name (the key id tried), never the secret. */
  auditTarget?: string;
}

/**
 * Agencies authenticate to their own endpoints with an API key (`x-api-key`) or with a bearer
 * token their identity provider issued by client credentials (role `partner`, organisation = the
 * agency id). Refusals are audited by AuditedProblemsFilter.
 */
@Injectable()
export class AgencyAuthGuard implements CanActivate {
  constructor(
    private readonly authentication: AgencyAuthentication,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AgencyRequest>();
    const apiKey = request.headers['x-api-key'];
    const [scheme, token] = (request.headers['authorization'] ?? '').split(' ');
    if (apiKey) {
      request.auditTarget = /^rgw_([0-9a-f]{32})_/.exec(apiKey)?.[1];
      request.agency = await this.authentication.authenticateApiKey(apiKey);
      return true;
    }
    if (scheme?.toLowerCase() === 'bearer' && token) {
      let actor;
      try {
        actor = await this.verifier.verify(token);
      } catch {
        throw new AgencyUnauthenticatedError('agency.credentials-invalid', 'token-rejected');
      }
      // From here on a refusal is of an authenticated caller: audited under its own name.
      request.actor = actor;
      if (!hasAnyRole(actor, ['partner'])) {
        throw new ForbiddenError('auth.role-not-allowed', {
          es: 'Estas rutas son para agencias socias (rol partner).',
          en: 'These routes are for partner agencies (role partner).',
        });
      }
      request.agency = await this.authentication.agencyOfOrganisation(actor.organisationId);
      return true;
    }
    throw new AgencyUnauthenticatedError('agency.credentials-missing', 'no-credentials');
  }
}

/** The authenticated agency, set by AgencyAuthGuard. */
export const CurrentAgency = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const agency = context.switchToHttp().getRequest<AgencyRequest>().agency;
  if (!agency) throw new Error('CurrentAgency used on a route without AgencyAuthGuard');
  return agency;
});

/**
 * A controller of agency routes: not for staff tokens (public to the access guard) but for an
 * authenticated agency (AgencyAuthGuard), every refusal audited.
 */
export const AgencyRoutes = () =>
  applyDecorators(
    Public(),
    UseGuards(AgencyAuthGuard),
    UseFilters(AuditedProblemsFilter),
    // The API document names the agency's own credentials (the partner token) and its refusals.
    ApiOwnBearerAuth(['partner']),
  );
