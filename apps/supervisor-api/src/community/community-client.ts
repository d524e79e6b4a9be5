import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { SupervisorApiConfig } from '../config';

/** The community service's answer as it came, or `unavailable`. */
export type CommunityAnswer =
  | { readonly status: number; readonly contentType: string; readonly body: string }
  | 'unavailable';

const TIMEOUT_MS = 10_000;

/**
 * Reads the community inclusion service on behalf of the supervisor, with their own bearer token:
 * the service applies its own scope and small-cell rule to the pulse survey aggregates.
 */
@Injectable()
export class CommunityClient {
  private readonly logger = new Logger(CommunityClient.name);

  constructor(@Inject(APP_CONFIG) private readonly config: SupervisorApiConfig) {}

  async get(
    path: string,
    headers: { authorization: string; language: string; correlationId: string },
  ): Promise<CommunityAnswer> {
    try {
      const response = await fetch(`${this.config.COMMUNITY_URL.replace(/\/$/, '')}${path}`, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          authorization: headers.authorization,
          'accept-language': headers.language,
          'x-correlation-id': headers.correlationId,
        },
      });
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/json',
        body: await response.text(),
      };
    } catch (error) {
      this.logger.warn({ msg: 'community inclusion unreachable', error: (error as Error).message });
      return 'unavailable';
    }
  }
}
