/** An RFC 9457 problem from an API (problem+json), with per-field errors for bad input. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  /** Where the existing resource is, on a conflict with one (e.g. the same DUI). */
  existing?: string;
  /** Any other member the API adds (e.g. `candidates` of a possible duplicate). */
  extensions?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

const KNOWN = new Set([
  'type',
  'title',
  'status',
  'code',
  'detail',
  'instance',
  'errors',
  'existing',
]);

/** A problem from a response's status and body, whatever the body holds (or does not). */
export function problemFrom(status: number, statusText: string, body: unknown): Problem {
  const value = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(value['errors'])
    ? (value['errors'] as unknown[])
        .filter((e): e is { field?: unknown; message?: unknown } => !!e && typeof e === 'object')
        .map((e) => ({
          field: typeof e.field === 'string' ? e.field : '',
          message: typeof e.message === 'string' ? e.message : '',
        }))
    : undefined;
  const extensions = Object.fromEntries(Object.entries(value).filter(([key]) => !KNOWN.has(key)));
  return {
    status,
    code: typeof value['code'] === 'string' ? value['code'] : 'unknown',
    title: typeof value['title'] === 'string' ? value['title'] : statusText,
    ...(typeof value['detail'] === 'string' ? { detail: value['detail'] } : {}),
    ...(errors ? { errors } : {}),
    ...(typeof value['existing'] === 'string' ? { existing: value['existing'] } : {}),
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  };
}

/** A failure of any kind (network, thrown value) as a problem the screens can show. */
export function problemOf(failure: unknown): Problem {
  return failure instanceof ApiError
    ? failure.problem
    : { status: 0, code: 'network', title: String(failure) };
}

/**
 * Field errors split for the form that sent the request: those of a field the form shows go
 * beside it (by its dotted path, e.g. `contact.phone`), the rest stay with the summary.
 */
export function splitFieldErrors(
  problem: Problem | undefined,
  shownFields: readonly string[],
): { byField: Record<string, string[]>; other: { field: string; message: string }[] } {
  const byField: Record<string, string[]> = {};
  const other: { field: string; message: string }[] = [];
  for (const error of problem?.errors ?? []) {
    const field = shownFields.find(
      (name) => error.field === name || error.field.startsWith(`${name}.`),
    );
    if (field) (byField[field] ??= []).push(error.message);
    else other.push(error);
  }
  return { byField, other };
}
