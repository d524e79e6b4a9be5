import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI 3.0 schema of a zod schema: `input` for what a client sends (before defaults and
 * transforms), `output` for what the service answers. Refinements (check digits, reference data)
 * have no schema form: document them with `.describe()`.
 */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return withoutDatePatterns(json) as SchemaObject;
}

const DATE_FORMATS = new Set(['date', 'date-time']);

/**
 * zod writes its own regular expression next to `format: date` / `date-time`; the format already
 * says it exactly, and clients and fuzzers would otherwise work through a 300-character pattern.
 */
function withoutDatePatterns(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDatePatterns);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema as Record<string, unknown>);
  const dated = entries.some(([key, value]) => key === 'format' && DATE_FORMATS.has(String(value)));
  return Object.fromEntries(
    entries
      .filter(([key]) => !(dated && key === 'pattern'))
      .map(([key, value]) => [key, withoutDatePatterns(value)]),
  );
}
