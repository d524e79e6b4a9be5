/** Who caused an event and which request or event it belongs to: the envelope's actor, correlation and causation. */
export interface EventContext {
  /** `user:<subject>` for a person, `system:<service>` for the service itself. */
  readonly actor: string;
  readonly correlationId: string;
  /** The event that caused this one, when one did. */
  readonly causationId?: string;
}

/** The service's identity on the wire, configured once (from the service's name). */
export interface EventOrigin {
  /** CloudEvents `source`, e.g. `/reintegra/intake`. */
  readonly source: string;
  /** The actor of what the service does on its own (consumers, schedules), e.g. `system:intake`. */
  readonly systemActor: string;
}

export const EVENT_ORIGIN = Symbol('EVENT_ORIGIN');

export function eventOriginOf(service: string): EventOrigin {
  return { source: `/reintegra/${service}`, systemActor: `system:${service}` };
}
