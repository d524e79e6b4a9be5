import type { z } from 'zod';

/**
 * Every configuration variable is declared once, with a description (shown in the README table),
 * whether it is a secret (never printed) and an optional development default. Development
 * defaults apply only when NODE_ENV is not `production`: production must set everything.
 */
export interface ConfigVariable<T extends z.ZodType = z.ZodType> {
  readonly schema: T;
  readonly description: string;
  readonly secret?: boolean;
  readonly devDefault?: string;
}

export type ConfigSpec = Record<string, ConfigVariable>;

export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: z.output<S[K]['schema']> };

export function variable<T extends z.ZodType>(
  schema: T,
  description: string,
  options: { secret?: boolean; devDefault?: string } = {},
): ConfigVariable<T> {
  return { schema, description, ...options };
}
