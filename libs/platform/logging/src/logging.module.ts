import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { REDACT_PATHS } from './redaction';

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Structured JSON logs (pino) with request ids and redaction; no bodies, no query strings. */
@Module({})
export class PlatformLoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: PlatformLoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.level,
            base: { service: options.service },
            redact: { paths: REDACT_PATHS, censor: '[redacted]' },
            genReqId: (req: IncomingMessage) => {
              const header = req.headers['x-request-id'];
              return typeof header === 'string' && /^[\w-]{1,64}$/.test(header)
                ? header
                : randomUUID();
            },
            serializers: {
              // Paths may carry ids but query strings may carry search terms (names): drop them.
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: {
              ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false,
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
