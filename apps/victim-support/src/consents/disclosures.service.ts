import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { ForbiddenError } from '@reintegra/platform-errors';
import { decryptField } from '../crypto/field-cipher';
import { CareRecordAccess, type WorkContext } from '../core/care-record-access.service';
import { OPEN, type RecordRow } from '../core/care-records.queries';
import type { DisclosureCategory } from '../core/care-vocabulary';
import type { DiscloseRequest } from './consents.requests';

const noConsent = () =>
  new ForbiddenError('disclosure.no-consent', {
    es: 'No hay un consentimiento vigente que cubra este destinatario y esta información.',
    en: 'No current consent covers this recipient and this information.',
  });

/** Disclosure under consent: recorded (and audited) each time, refused beyond the consent. */
@Injectable()
export class DisclosuresService {
  constructor(private readonly records: CareRecordAccess) {}

  /**
   * Shares consented categories with one recipient: checks a current consent that names the
   * recipient and covers every category, records the disclosure, and returns the package for the
   * counsellor to hand over through the recipient's own channel (nothing is sent on the bus).
   */
  disclose(actor: Actor, reference: string, request: DiscloseRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'disclosure.recorded', states: [...OPEN, 'closed'] },
      async ({ manager, record, withKey }) => {
        const consents: { recipient: string; categories: string[]; withdrawn_at: Date | null }[] =
          await manager.query(
            `SELECT recipient, categories, withdrawn_at FROM consents
              WHERE id = $1 AND reference = $2 FOR SHARE`,
            [request.consentId, reference],
          );
        const consent = consents[0];
        if (
          !consent ||
          consent.withdrawn_at ||
          consent.recipient !== request.recipient ||
          !request.categories.every((category) => consent.categories.includes(category))
        )
          throw noConsent();
        const id = randomUUID();
        await manager.query(
          `INSERT INTO disclosures (id, reference, consent_id, recipient, categories, disclosed_by, disclosed_at)
           VALUES ($1, $2, $3, $4, $5, $6, now())`,
          [id, reference, request.consentId, request.recipient, request.categories, actor.subject],
        );
        const content = await disclosureContent(manager, record, request.categories, withKey);
        return { id, recipient: request.recipient, categories: request.categories, content };
      },
    );
  }
}

async function disclosureContent(
  manager: EntityManager,
  record: RecordRow,
  categories: readonly DisclosureCategory[],
  withKey: WorkContext['withKey'],
): Promise<Record<string, unknown>> {
  const reference = record.reference;
  const content: Record<string, unknown> = {};
  const services: { id: string; kind: string; legal_details: Buffer | null }[] =
    await manager.query(`SELECT id, kind, legal_details FROM care_services WHERE reference = $1`, [
      reference,
    ]);
  const plans: { plan: Buffer }[] = await manager.query(
    `SELECT plan FROM safety_plans WHERE reference = $1`,
    [reference],
  );
  await withKey((key) => {
    for (const category of categories) {
      if (category === 'risk-level') content['riskLevel'] = record.risk_level;
      if (category === 'services') content['services'] = services.map((s) => s.kind);
      if (category === 'safety-plan')
        content['safetyPlan'] = plans[0]
          ? JSON.parse(decryptField(key, reference, 'safety-plan', reference, plans[0].plan))
          : null;
      if (category === 'legal-case-details')
        content['legalCaseDetails'] = services.flatMap((s) =>
          s.legal_details
            ? [decryptField(key, reference, 'legal-case-details', s.id, s.legal_details)]
            : [],
        );
    }
  });
  return content;
}
