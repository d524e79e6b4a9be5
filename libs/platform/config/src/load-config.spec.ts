import { z } from 'zod';
import {
  databaseConfigSpec,
  migrationConfigSpec,
  serviceConfigSpec,
  variable,
} from './config-schema';
import { ConfigValidationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  const spec = {
    ...serviceConfigSpec(3101),
    ...databaseConfigSpec('intake'),
    ...migrationConfigSpec('intake'),
  };

  it('applies development defaults outside production', () => {
    const config = loadConfig(spec, { NODE_ENV: 'development' });
    expect(config.HTTP_PORT).toBe(3101);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/intake_app:/);
  });

  it('requires every variable without a safe default in production, listing all at once', () => {
    expect(() => loadConfig(spec, { NODE_ENV: 'production' })).toThrow(ConfigValidationError);
    try {
      loadConfig(spec, { NODE_ENV: 'production' });
    } catch (error) {
      const problems = (error as ConfigValidationError).problems.join('\n');
      expect(problems).toContain('DATABASE_URL is required');
      expect(problems).toContain('DATABASE_MIGRATION_URL is required');
    }
  });

  it('names an invalid variable without echoing a secret value', () => {
    const env = { NODE_ENV: 'development', DATABASE_URL: 'mysql://root:hunter2@db/intake' };
    expect(() => loadConfig(spec, env)).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => loadConfig(spec, env)).not.toThrow(/hunter2/);
  });

  it('shows the offending value of a non-secret variable', () => {
    expect(() => loadConfig(spec, { HTTP_PORT: 'eighty' })).toThrow(/HTTP_PORT .*"eighty"/);
  });

  it('coerces and transforms values', () => {
    const config = loadConfig(
      {
        LIST: variable(
          z.string().transform((v) => v.split(',')),
          'a list',
        ),
      },
      { LIST: 'a,b' },
    );
    expect(config.LIST).toEqual(['a', 'b']);
  });
});
