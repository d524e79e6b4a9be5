import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { type Actor, eventContextOf } from '@reintegra/platform-auth';
import { correlationIdOf } from './correlation-id';

/**
 * Who calls (set by the access guard), and the context of the events the request causes:
 * `user:<subject>` under the request's correlation id.
 */
export interface Caller {
  readonly actor: Actor;
  readonly context: ReturnType<typeof eventContextOf>;
}

/** The authenticated caller and its event context, for routes that change something. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
  if (!request.actor) throw new Error('Caller used on a route without authentication');
  const correlationId = correlationIdOf(request.get('x-correlation-id'));
  return { actor: request.actor, context: eventContextOf(request.actor, correlationId) };
});
