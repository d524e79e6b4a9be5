import { Inject, Injectable } from '@nestjs/common';
import { ServiceToken } from '@reintegra/platform-auth';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { NotificationsConfig } from '../config';

/** How to reach a person, as intake has it now; never stored here. */
export interface Contact {
  email?: string;
  phone?: string;
}

/**
 * Asks intake at send time: `GET /cases/:caseId` for the person, then `GET /returnees/:id` for
 * the contact (shown to the `intake-officer` role only; the service account also holds
 * `national-supervisor` to read every municipality). A phone changed yesterday is used today, and
 * no copy of anyone's contact details lives in this service.
 */
@Injectable()
export class ContactDirectory {
  private readonly token: ServiceToken;

  constructor(@Inject(APP_CONFIG) private readonly config: NotificationsConfig) {
    this.token = new ServiceToken({
      accessToken: config.INTAKE_ACCESS_TOKEN,
      devIdentityUrl: config.DEV_IDENTITY_URL,
      devUser: 'servicio-avisos',
      variable: 'INTAKE_ACCESS_TOKEN',
    });
  }

  /** The contact, or null when intake does not know the case. Throws when intake cannot answer. */
  async contactOf(caseId: string): Promise<Contact | null> {
    const theCase = await this.get(`/cases/${caseId}`);
    const returneeId = theCase?.['returneeId'];
    if (typeof returneeId !== 'string') return null;
    const person = await this.get(`/returnees/${returneeId}`);
    const contact = person?.['contact'] as
      | { email?: string | null; phone?: string | null }
      | undefined;
    return {
      ...(contact?.email ? { email: contact.email } : {}),
      ...(contact?.phone ? { phone: contact.phone } : {}),
    };
  }

  private async get(path: string): Promise<Record<string, unknown> | null> {
    const response = await fetch(new URL(path, this.config.INTAKE_URL), {
      headers: {
        authorization: `Bearer ${await this.token.value()}`,
        accept: 'application/json',
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return null;
    if (response.status === 401) this.token.forget();
    if (!response.ok) throw new Error(`intake answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }
}
