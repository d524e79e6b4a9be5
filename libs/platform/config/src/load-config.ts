import type { ConfigOf, ConfigSpec } from './config-schema';

export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Set the variables above (see the configuration table in README.md) and start again.',
    );
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates the environment against a spec at boot. Returns a typed, frozen object; reports every
 * problem at once, naming the variable but never echoing a secret's value.
 */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: NodeJS.ProcessEnv = process.env,
): Readonly<ConfigOf<S>> {
  const production = env['NODE_ENV'] === 'production';
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(spec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const value = raw ?? (production ? undefined : definition.devDefault);
    const parsed = definition.schema.safeParse(value);
    if (parsed.success) {
      result[name] = parsed.data;
    } else {
      const reason = value === undefined ? 'is required' : parsed.error.issues[0]?.message;
      const shown = definition.secret || value === undefined ? '' : ` (got "${value}")`;
      problems.push(`${name} ${reason}${shown}: ${definition.description}`);
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return Object.freeze(result) as Readonly<ConfigOf<S>>;
}
