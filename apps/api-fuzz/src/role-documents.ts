import type { testToken } from '@reintegra/testing';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** A role of the platform (`x-roles`), e.g. `intake-officer`. */
type Role = Parameters<typeof testToken>[0]['roles'][number];

interface Operation {
  security?: unknown[];
  'x-roles'?: Role[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  [key: string]: unknown;
}

/** Who calls the routes of a document part: a role, or anyone for public routes. */
export type Caller = Role | 'public';

/** A stream of server-sent events stays open by design: no request to it ever "completes". */
const isStream = (operation: Operation) =>
  Object.values(operation.responses ?? {}).some(
    (response) => response.content?.['text/event-stream'] !== undefined,
  );

/**
 * Splits a service's document by the role its operations need first (`x-roles`; public routes
 * apart), so each part is fuzzed with a token that passes the access check and reaches the
 * handler. Operations any signed-in user may call go with the service's main role. Event streams
 * are left out and counted.
 */
export function splitByRole(
  document: OpenApiDocument,
  mainRole: Role,
): { parts: Map<Caller, { document: OpenApiDocument; operations: number }>; streams: number } {
  const parts = new Map<Caller, { document: OpenApiDocument; operations: number }>();
  let streams = 0;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (isStream(operation)) {
        streams += 1;
        continue;
      }
      const caller: Caller =
        operation.security?.length === 0 ? 'public' : (operation['x-roles']?.[0] ?? mainRole);
      const part = parts.get(caller) ?? { document: { ...document, paths: {} }, operations: 0 };
      part.document.paths[path] = { ...part.document.paths[path], [method]: operation };
      part.operations += 1;
      parts.set(caller, part);
    }
  }
  return { parts, streams };
}
