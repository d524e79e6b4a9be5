import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { SupervisorApiConfig } from '../config';

/** Intake's answer, passed on as it came (status, problem+json or body, ETag). */
export interface IntakeAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly etag?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Calls intake, which owns plan approval and closure, on behalf of the supervisor: with the
 * supervisor's own bearer token, so intake decides and audits who did it (no service account
 * with more power than the person).
 */
@Injectable()
export class IntakeClient {
  private readonly logger = new Logger(IntakeClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: SupervisorApiConfig) {}

  async post(
    path: string,
    body: unknown,
    headers: { authorization: string; language: string; ifMatch?: string; correlationId: string },
  ): Promise<IntakeAnswer> {
    const url = `${this.config.INTAKE_URL.replace(/\/$/, '')}${path}`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          authorization: headers.authorization,
          'accept-language': headers.language,
          ...(headers.ifMatch ? { 'if-match': headers.ifMatch } : {}),
          'x-correlation-id': headers.correlationId,
        },
        body: JSON.stringify(body),
      });
      const etag = response.headers.get('etag') ?? undefined;
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/json',
        body: await response.text(),
        ...(etag ? { etag } : {}),
      };
    } catch (error) {
      this.logger.warn({ msg: 'intake unreachable', path, error: (error as Error).message });
      return { status: HttpStatus.BAD_GATEWAY, contentType: '', body: '' };
    }
  }
}
