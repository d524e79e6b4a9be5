import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { routingReasonSchema, type RoutingReason } from '@reintegra/event-contracts';
import { ServiceToken } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { OrchestratorConfig } from '../config';
import type { NextProviderRequest } from '../workflows/path-activities.types';

/** The directory's answer (POST /routing/next-provider), checked before it is trusted. */
const answerSchema = z.object({
  providerId: z.string().min(1).max(100).nullable(),
  reason: routingReasonSchema,
});
export type DirectoryAnswer = z.infer<typeof answerSchema>;

/** Error type of a directory that refuses the request itself: retrying cannot fix it. */
export const DIRECTORY_REFUSED = 'DirectoryRefused';

export const DIRECTORY_CLIENT_SETTINGS = Symbol('DIRECTORY_CLIENT_SETTINGS');
export interface DirectoryClientSettings {
  readonly url: string;
  readonly accessToken?: string;
  readonly devIdentityUrl?: string;
}

export const directoryClientSettings = {
  provide: DIRECTORY_CLIENT_SETTINGS,
  inject: [APP_CONFIG],
  useFactory: (config: OrchestratorConfig): DirectoryClientSettings => ({
    url: config.DIRECTORY_URL,
    ...(config.DIRECTORY_ACCESS_TOKEN ? { accessToken: config.DIRECTORY_ACCESS_TOKEN } : {}),
    ...(config.DEV_IDENTITY_URL ? { devIdentityUrl: config.DEV_IDENTITY_URL } : {}),
  }),
};

/**
 * Asks the service directory for the next provider of a referral. The person's facts travel in
 * the request body only; nothing of them is logged or kept here. A failure the directory may
 * recover from (down, 5xx) is thrown as is: Temporal retries the activity.
 */
@Injectable()
export class DirectoryClient {
  private readonly token: ServiceToken;

  constructor(
    @Inject(DIRECTORY_CLIENT_SETTINGS) private readonly settings: DirectoryClientSettings,
  ) {
    this.token = new ServiceToken({
      ...(settings.accessToken ? { accessToken: settings.accessToken } : {}),
      ...(settings.devIdentityUrl ? { devIdentityUrl: settings.devIdentityUrl } : {}),
      devUser: 'supervisora-nacional',
      variable: 'DIRECTORY_ACCESS_TOKEN',
    });
  }

  async nextProvider(request: NextProviderRequest): Promise<DirectoryAnswer> {
    const response = await fetch(new URL('/routing/next-provider', this.settings.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.token.value()}`,
      },
      body: JSON.stringify({
        referralId: request.referralId,
        service: request.service,
        municipalityCode: request.municipalityCode,
        eligibility: request.eligibility ?? {},
        exclude: request.exclude,
      }),
      signal: AbortSignal.timeout(5_000),
    });
    const text = await response.text();
    if (response.status >= 400 && response.status < 500 && response.status !== 401) {
      throw ApplicationFailure.nonRetryable(
        `directory refused the routing request (${response.status}): ${text.slice(0, 300)}`,
        DIRECTORY_REFUSED,
      );
    }
    if (!response.ok) {
      if (response.status === 401) this.token.forget();
      throw new Error(`directory answered ${response.status}`);
    }
    return answerSchema.parse(JSON.parse(text));
  }
}

export type { RoutingReason };
