import { Injectable } from '@nestjs/common';
import { filter, type Observable, Subject } from 'rxjs';

/** A live alert for the dashboard: an escalation published by a path, or a deadline just missed. */
export interface DashboardAlert {
  readonly kind: 'escalation' | 'deadline-breach';
  readonly id: string;
  readonly caseId: string;
  readonly referralId: string;
  readonly municipalityCode: string | null;
  readonly service: string | null;
  readonly priority: string | null;
  /** When it happened: escalation time, or the deadline that passed. */
  readonly at: string;
  readonly escalation?: number;
}

/**
 * In-process alert bus: the projection and the deadline sweep publish, server-sent event streams
 * subscribe within their scope. Alerts are what happened while the dashboard is open; the
 * overview shows the standing picture from the read model.
 */
@Injectable()
export class AlertBus {
  private readonly subject = new Subject<DashboardAlert>();

  publish(alert: DashboardAlert): void {
    this.subject.next(alert);
  }

  /** Alerts of one municipality, or every alert (null = national scope). */
  stream(municipalityCode: string | null): Observable<DashboardAlert> {
    return this.subject.pipe(
      filter((alert) => municipalityCode === null || alert.municipalityCode === municipalityCode),
    );
  }
}
