import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Public, Roles } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import { NotFoundError } from '@reintegra/platform-errors';
import { ApiJsonResponse, ApiProblems, ValidBody } from '@reintegra/platform-http';
import { findMunicipality, municipalities } from '@reintegra/reference-data';
import { DASHBOARD_ROLES, scopeOf } from '../core/scope';
import type { SupervisorApiConfig } from '../config';
import { type DevLoginRequest, devLoginSchema } from './session.requests';

const devLoginOff = () =>
  new NotFoundError('dev-login.disabled', {
    es: 'El acceso de demostración no está habilitado.',
    en: 'Demo login is not enabled.',
  });

/**
 * What the dashboard needs before and after login. In development the demo users of the dev
 * identity provider are offered through here (same origin for the browser); in production
 * DEV_IDENTITY_URL is unset and these answer 404.
 */
@Controller('api')
export class SessionController {
  constructor(@Inject(APP_CONFIG) private readonly config: SupervisorApiConfig) {}

  @Public()
  @Get('settings')
  settings() {
    const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId } = this.config;
    return {
      devLogin: this.config.DEV_IDENTITY_URL !== undefined,
      oidc: issuer ? { issuer, clientId } : null,
    };
  }

  @Public()
  @Get('dev/users')
  @ApiJsonResponse(200, 'The demo users who may use the dashboard')
  @ApiProblems({ 404: 'Demo login is not enabled' })
  async devUsers() {
    const base = this.devIdentity();
    const users = (await (await fetch(`${base}/dev/users`)).json()) as {
      user: string;
      roles: string[];
      municipalityCode?: string;
    }[];
    return users.filter((u) =>
      u.roles.some((role) => (DASHBOARD_ROLES as readonly string[]).includes(role)),
    );
  }

  @Public()
  @Post('dev/login')
  @HttpCode(200)
  @ApiJsonResponse(200, 'An access token of the demo user')
  @ApiProblems({ 404: 'Demo login is not enabled, or no demo user of that name' })
  async devLogin(@ValidBody(devLoginSchema) body: DevLoginRequest) {
    const response = await fetch(`${this.devIdentity()}/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: body.user }),
    });
    if (!response.ok) {
      throw new NotFoundError('dev-login.unknown-user', {
        es: 'Usuario de demostración desconocido.',
        en: 'Unknown demo user.',
      });
    }
    return response.json();
  }

  /** Who is logged in and what they see. */
  @Get('me')
  @Roles(...DASHBOARD_ROLES)
  me(@CurrentActor() actor: Actor) {
    const { municipalityCode } = scopeOf(actor);
    return {
      subject: actor.subject,
      roles: actor.roles,
      municipalityCode,
      municipalityName: municipalityCode
        ? (findMunicipality(municipalityCode)?.name ?? null)
        : null,
    };
  }

  /** Municipalities for the national supervisor's filter (reference data, 2024 territory). */
  @Get('municipalities')
  @Roles(...DASHBOARD_ROLES)
  municipalities() {
    return municipalities.map(({ code, name }) => ({ code, name }));
  }

  private devIdentity(): string {
    if (!this.config.DEV_IDENTITY_URL) throw devLoginOff();
    return this.config.DEV_IDENTITY_URL.replace(/\/$/, '');
  }
}
