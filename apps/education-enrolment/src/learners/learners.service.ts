import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { today } from '../core/cohorts.queries';
import { isMinorOn } from '../domain/age';
import { ReferralRouter } from '../referrals/referral-router.service';
import type { LearnerProfileRequest } from './learners.requests';

const learnerNotFound = () =>
  new NotFoundError('learner.not-found', {
    es: 'Perfil educativo no encontrado.',
    en: 'Learner profile not found.',
  });

/** Whether provider staff have this case: referred to them or enrolled in their cohorts. */
export async function providerHasCase(
  manager: EntityManager,
  providerId: string,
  caseId: string,
): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM referrals WHERE case_id = $1 AND $2 = ANY (provider_ids)
     UNION ALL
     SELECT 1 FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
      WHERE e.case_id = $1 AND c.provider_id = $2
     LIMIT 1`,
    [caseId, providerId],
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
   * the same transaction. Provider staff may create a profile, but change an existing one only
   * for a case referred or enrolled to them.
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
      const existing = (await manager.query(`SELECT 1 FROM learners WHERE case_id = $1`, [
        caseId,
      ])) as unknown[];
      if (
        existing.length > 0 &&
        !hasAnyRole(actor, ['admin']) &&
        !(actor.organisationId && (await providerHasCase(manager, actor.organisationId, caseId)))
      ) {
        throw learnerNotFound();
      }
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
