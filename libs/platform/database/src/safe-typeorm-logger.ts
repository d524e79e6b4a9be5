import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print query parameters, which carry names, DUIs and notes. This one
 * reports failures and slow queries by SQL text and error code only: never a parameter value.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {
    // Successful queries are not logged.
  }

  logQueryError(error: string | Error, query: string): void {
    const driverError = error as Error & { code?: string; constraint?: string };
    this.logger.warn({
      msg: 'query failed',
      code: driverError.code,
      constraint: driverError.constraint,
      query: query.slice(0, 200),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, query: query.slice(0, 200) });
  }

  logSchemaBuild(): void {
    // Schema changes go through migrations, which report themselves.
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
