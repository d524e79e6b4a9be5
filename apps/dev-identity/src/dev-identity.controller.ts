import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { z } from 'zod';
import { DEMO_USERS, type DevTokenIssuer, Public } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { ApiProblems, ValidBody } from '@reintegra/platform-http';

export const DEV_ISSUER = Symbol('DEV_ISSUER');
const TOKEN_TTL_SECONDS = 8 * 3600;

const tokenRequestSchema = z.object({ user: z.string().min(1).max(100) }).strict();

/** Development-only identity provider: demo users, their tokens and the public keys. */
@Public()
@Controller()
export class DevIdentityController {
  constructor(@Inject(DEV_ISSUER) private readonly issuer: DevTokenIssuer) {}

  @Get('.well-known/jwks.json')
  jwks() {
    return this.issuer.jwks();
  }

  @Get('dev/users')
  users() {
    return Object.entries(DEMO_USERS).map(([user, subject]) => ({ user, ...subject }));
  }

  @Post('dev/tokens')
  @HttpCode(200)
  @ApiProblems({ 404: 'Unknown demo user (see GET /dev/users)' })
  async token(@ValidBody(tokenRequestSchema) body: z.infer<typeof tokenRequestSchema>) {
    const subject = DEMO_USERS[body.user];
    if (!subject) {
      throw new NotFoundError('dev-identity.unknown-user', {
        es: `Usuario de demostración desconocido; vea GET /dev/users.`,
        en: `Unknown demo user; see GET /dev/users.`,
      });
    }
    return {
      access_token: await this.issuer.issue(subject, TOKEN_TTL_SECONDS),
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
    };
  }
}
