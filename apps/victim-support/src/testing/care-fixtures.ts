import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { BreakGlassService } from '../break-glass/break-glass.service';
import { ConsentsService } from '../consents/consents.service';
import { ReferralsService } from '../referrals/referrals.service';
import { SessionsService } from '../sessions/sessions.service';
import { OFFICE, type TestService, type TestUser } from './victim-support-test-bed';

/**
 * Records prepared through the use cases (not HTTP), and the row counts a refused request must
 * leave unchanged: what the security-floor suites share.
 */
export function careFixtures(service: TestService) {
  const db = service.app.get(DataSource);
  const referrals = service.app.get(ReferralsService);
  const sessions = service.app.get(SessionsService);
  const consents = service.app.get(ConsentsService);
  const breakGlass = service.app.get(BreakGlassService);
  const care = {
    accept: referrals.accept.bind(referrals),
    close: sessions.close.bind(sessions),
    addService: sessions.addService.bind(sessions),
    grantConsent: consents.grantConsent.bind(consents),
    breakGlass: breakGlass.breakGlass.bind(breakGlass),
  };

  /** A referral routed to `municipalityCode`, received and (optionally) accepted by `carer`. */
  async function freshRecord(
    carer: Actor,
    state: 'referred' | 'accepted' = 'accepted',
    municipalityCode = OFFICE,
  ): Promise<string> {
    const reference = randomUUID();
    await db.transaction((manager) =>
      referrals.receiveReferral(manager, {
        reference,
        priority: 'normal',
        requestedServices: ['psychological'],
        consentGiven: true,
        municipalityCode,
      }),
    );
    if (state === 'accepted') await care.accept(carer, reference, {});
    return reference;
  }

  /**
   * A child-protection referral routed to OFFICE and (optionally) assigned to `carer` by the
   * office's supervisor: counsellors never take one themselves.
   */
  async function freshChildRecord(
    carer: Actor,
    state: 'referred' | 'accepted' = 'accepted',
  ): Promise<string> {
    const reference = randomUUID();
    await db.transaction((manager) =>
      referrals.receiveReferral(manager, {
        reference,
        priority: 'urgent',
        requestedServices: ['psychological'],
        consentGiven: true,
        municipalityCode: OFFICE,
        kind: 'child-protection',
      }),
    );
    if (state === 'accepted') {
      const supervisor = officeUser('fixture-supervisor', 'victim-support-supervisor');
      await referrals.assign(supervisor, reference, { counsellor: carer.subject });
    }
    return reference;
  }

  /** Row counts that a refused request must leave unchanged. */
  async function footprint(reference: string) {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM risk_assessments WHERE reference = $1)::int AS risks,
              (SELECT count(*) FROM safety_plans WHERE reference = $1)::int AS plans,
              (SELECT count(*) FROM care_services WHERE reference = $1)::int AS services,
              (SELECT count(*) FROM care_sessions WHERE reference = $1)::int AS sessions,
              (SELECT count(*) FROM case_assignments WHERE reference = $1)::int AS assignments,
              (SELECT count(*) FROM consents WHERE reference = $1 AND withdrawn_at IS NULL)::int AS consents,
              (SELECT count(*) FROM disclosures WHERE reference = $1)::int AS disclosures,
              (SELECT count(*) FROM break_glass_grants WHERE reference = $1)::int AS grants,
              (SELECT count(*) FROM supervisor_notifications WHERE reference = $1)::int AS notices,
              (SELECT count(*) FROM supervisor_notifications
                WHERE reference = $1 AND acknowledged_at IS NOT NULL)::int AS acknowledged,
              (SELECT count(*) FROM outbox_messages WHERE message_key = $1::text)::int AS events,
              (SELECT count(*) FROM audit_log WHERE reference = $1 AND outcome = 'allowed')::int AS audited,
              (SELECT count(*) FROM case_keys WHERE reference = $1 AND wrapped_key IS NOT NULL)::int AS keys,
              (SELECT status FROM care_records WHERE reference = $1) AS status,
              (SELECT risk_level FROM care_records WHERE reference = $1) AS risk_level`,
      [reference],
    );
    return row as Record<string, unknown>;
  }

  /** The refusals audited on a record (`access.denied`, reason = the refused action). */
  async function refusals(reference: string): Promise<{ subject: string; reason: string }[]> {
    return db.query(
      `SELECT actor_subject AS subject, reason_code AS reason FROM audit_log
        WHERE reference = $1 AND action = 'access.denied' AND outcome = 'denied' ORDER BY seq`,
      [reference],
    );
  }

  return { db, care, freshRecord, freshChildRecord, footprint, refusals };
}

/** A user of a victims' office: counsellor or supervisor of `municipalityCode`. */
export function officeUser(
  subject: string,
  role: 'victim-support-counsellor' | 'victim-support-supervisor',
  municipalityCode = OFFICE,
): Actor & TestUser {
  return { subject, roles: [role], municipalityCode };
}
