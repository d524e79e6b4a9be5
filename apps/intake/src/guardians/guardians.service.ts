import { Injectable } from '@nestjs/common';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { NotFoundError, UnprocessableError } from '@reintegra/platform-errors';
import { CaseAccess } from '../core/case-access.service';
import { IntakeAudit } from '../core/intake-audit.service';
import { memberInHouseholdOf } from '../households/household-store';
import { householdMemberNotFound } from '../households/households.service';
import { ageOn } from '../returnees/register-returnee.requests';
import { guardianOf, type GuardianView } from './guardian-lookup';
import type { RecordGuardianRequest } from './guardian.requests';

const refused = (code: string, es: string, en: string) =>
  new UnprocessableError(`guardian.${code}`, { es, en });

/** The adult who answers for a minor's case (and gives consent for them). */
@Injectable()
export class GuardiansService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly audit: IntakeAudit,
  ) {}

  get(caseId: string, actor: Actor): Promise<GuardianView> {
    return this.cases.inCase(caseId, actor, async (manager) => {
      const guardian = await guardianOf(manager, caseId);
      if (!guardian) {
        throw new NotFoundError('guardian.not-found', {
          es: 'Este expediente no tiene tutor registrado.',
          en: 'This case has no guardian recorded.',
        });
      }
      return guardian;
    });
  }

  /** Records or replaces the guardian; a linked member must be an adult of the minor's household. */
  record(
    caseId: string,
    request: RecordGuardianRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<GuardianView> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      if (!episode.minor) {
        throw refused(
          'not-a-minor',
          'Solo el expediente de un menor de edad lleva tutor.',
          "Only a minor's case has a guardian.",
        );
      }
      const at = new Date();
      if (request.householdMemberId) {
        const member = await memberInHouseholdOf(
          manager,
          episode.returneeId,
          request.householdMemberId,
        );
        if (!member) throw householdMemberNotFound();
        if (ageOn(member.dateOfBirth, at.toISOString().slice(0, 10)) < 18) {
          throw refused(
            'not-an-adult',
            'El tutor debe ser una persona adulta.',
            'The guardian must be an adult.',
          );
        }
      }
      const named = request.householdMemberId === undefined;
      await manager.query(
        `INSERT INTO case_guardians (case_id, member_id, first_names, last_names, capacity, phone, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (case_id) DO UPDATE SET member_id = EXCLUDED.member_id,
           first_names = EXCLUDED.first_names, last_names = EXCLUDED.last_names,
           capacity = EXCLUDED.capacity, phone = EXCLUDED.phone,
           recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by`,
        [
          caseId,
          request.householdMemberId ?? null,
          named ? request.firstNames : null,
          named ? request.lastNames : null,
          request.capacity,
          request.phone ?? null,
          at,
          actorReference(actor),
        ],
      );
      await this.audit.record(manager, {
        action: 'guardian.recorded',
        actor: actorReference(actor),
        caseId,
        returneeId: episode.returneeId,
        ...(request.householdMemberId ? { relatedId: request.householdMemberId } : {}),
        reasonCode: request.capacity,
        correlationId,
        at,
      });
      return (await guardianOf(manager, caseId)) as GuardianView;
    });
  }
}
