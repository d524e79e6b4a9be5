import { Controller, type MessageEvent, Sse } from '@nestjs/common';
import { interval, map, merge, type Observable } from 'rxjs';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { DASHBOARD_ROLES, scopeOf } from '../core/scope';
import { AlertBus } from './alert-bus.service';

const KEEP_ALIVE_MS = 20_000;

/** Live alerts as server-sent events (`escalation`, `deadline-breach`), within the caller's scope. */
@Controller('api')
@Roles(...DASHBOARD_ROLES)
export class AlertsController {
  constructor(private readonly alerts: AlertBus) {}

  @Sse('alerts')
  stream(@CurrentActor() actor: Actor): Observable<MessageEvent> {
    const scope = scopeOf(actor);
    return merge(
      this.alerts
        .stream(scope.municipalityCode)
        .pipe(map((alert) => ({ id: alert.id, type: alert.kind, data: alert }))),
      // Keeps proxies from closing an idle stream.
      interval(KEEP_ALIVE_MS).pipe(map(() => ({ type: 'keep-alive', data: {} }))),
    );
  }
}
