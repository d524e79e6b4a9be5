import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor, Role } from './actor';

export const ROLES_KEY = 'reintegra:roles';
export const PUBLIC_KEY = 'reintegra:public';

/** Roles allowed on a controller or route. Routes with neither @Roles nor @Public are denied. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call (health checks, the dev token issuer). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, set by the access guard. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    if (!actor) throw new Error('CurrentActor used on a route without authentication');
    return actor;
  },
);
