import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '@reintegra/platform-errors';
import { hasAnyRole, type Actor, type Role } from './actor';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenVerifier } from './token-verifier';

/**
 * Deny by default: every HTTP route needs a valid bearer token and one of the roles named by
 * @Roles, unless marked @Public. Need-to-know rules finer than a role (municipality, assignment,
 * organisation) are checked by the handlers with the Actor this guard attaches.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers: contracts, not users
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const [scheme, token] = (request.headers['authorization'] ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new UnauthenticatedError('missing bearer token');
    let actor: Actor;
    try {
      actor = await this.verifier.verify(token);
    } catch (error) {
      throw new UnauthenticatedError((error as Error).message);
    }
    request.actor = actor;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!hasAnyRole(actor, allowed)) {
      throw new ForbiddenError('auth.role-not-allowed', {
        es: 'Su rol no tiene acceso a esta operación.',
        en: 'Your role does not give access to this operation.',
      });
    }
    return true;
  }
}
