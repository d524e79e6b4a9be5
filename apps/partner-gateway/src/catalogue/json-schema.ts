import { z } from 'zod';

/**
 * The published JSON Schema (draft-07, which AsyncAPI schemas extend) of a public contract, as a
 * consumer sees it: input form, so that no `additionalProperties: false` forbids the fields
 * added later within the version.
 */
export function publishedJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
  }) as Record<string, unknown>;
  return rest;
}
