import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@reintegra/platform-auth';
import { NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { canReachCase } from '../core/case-access';
import { today } from '../core/cohorts.queries';
import { isMinorOn } from '../domain/age';
import { ReferralRouter } from '../referrals/referral-router.service';
import type { LearnerProfileRequest } from './learners.requests';

/** The same answer for an unknown case and for another organisation's: existence is need-to-know. */
const caseNotFound = () =>
  new NotFoundError('learner.case-not-found', {
    es: 'No hay una remisión de educación de este expediente para su organización.',
    en: 'There is no education referral of this case for your organisation.',
  });

/**
 * Erased after a consent withdrawal: the data may be collected again only for a referral received
 * since (intake sends one only with a new consent).
 */
const consentWithdrawn = () =>
  new UnprocessableError('learner.consent-withdrawn', {
    es: 'La persona retiró su consentimiento para educación; se necesita una nueva remisión.',
    en: 'The person withdrew consent for education; a new referral is needed.',
  });

async function erasedSinceLastReferral(manager: EntityManager, caseId: string): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM learners l
      WHERE l.case_id = $1 AND l.erased_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM referrals r
                         WHERE r.case_id = l.case_id AND r.received_at > l.erased_at)`,
    [caseId],
  )) as unknown[];
  return rows.length > 0;
}

@Injectable()
export class LearnerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly router: ReferralRouter,
  ) {}

  /**
   * Records (or corrects) a learner profile; referrals of the case waiting for it are routed in
   * the same transaction. Creating and correcting follow one rule (canReachCase): provider staff
   * write the profile only of a case referred to their organisation.
   */
  async put(caseId: string, request: LearnerProfileRequest, actor: Actor, context: EventContext) {
    if (isMinorOn(request.dateOfBirth, today()) && !request.guardian) {
      throw new UnprocessableError('learner.guardian-required', {
        es: 'Una persona menor de 18 años necesita una persona responsable registrada.',
        en: 'A person under 18 needs a guardian on file.',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      // Serialises two profile writes of one case (and the routing they trigger).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`learner:${caseId}`]);
      if (!(await canReachCase(manager, actor, caseId))) throw caseNotFound();
      const existing = (await manager.query(`SELECT 1 FROM learners WHERE case_id = $1`, [
        caseId,
      ])) as unknown[];
      if (await erasedSinceLastReferral(manager, caseId)) throw consentWithdrawn();
      await manager.query(
        `INSERT INTO learners (case_id, date_of_birth, last_grade_completed, documents,
                               guardian_name, guardian_relationship, guardian_phone, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (case_id) DO UPDATE SET
           date_of_birth = EXCLUDED.date_of_birth,
           last_grade_completed = EXCLUDED.last_grade_completed,
           documents = EXCLUDED.documents,
           guardian_name = EXCLUDED.guardian_name,
           guardian_relationship = EXCLUDED.guardian_relationship,
           guardian_phone = EXCLUDED.guardian_phone,
           erased_at = NULL,
           updated_at = now()`,
        [
          caseId,
          request.dateOfBirth,
          request.lastGradeCompleted,
          request.documents,
          request.guardian?.name ?? null,
          request.guardian?.relationship ?? null,
          request.guardian?.phone ?? null,
        ],
      );
      const routed = await this.router.routeWaitingForCase(manager, caseId, context);
      return { caseId, created: existing.length === 0, referralsRouted: routed };
    });
  }
}
