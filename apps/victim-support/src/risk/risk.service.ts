import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@reintegra/platform-auth';
import { encryptField } from '../crypto/field-cipher';
import { CareRecordAccess } from '../core/care-record-access.service';
import { OPEN } from '../core/care-records.queries';
import type { RiskAssessmentRequest, SafetyPlanRequest } from './risk.requests';

/** Risk and safety plan: the counsellor's risk assessments (reasons encrypted) and the plan. */
@Injectable()
export class RiskService {
  constructor(private readonly records: CareRecordAccess) {}

  /** Records an assessment; the record's current level (a code) is the latest one. */
  assessRisk(actor: Actor, reference: string, request: RiskAssessmentRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'risk-assessment.recorded', states: OPEN },
      async ({ manager, withKey }) => {
        const id = randomUUID();
        const reasons = await withKey((key) =>
          encryptField(
            key,
            reference,
            'risk-reasons',
            id,
            JSON.stringify({ reasonCodes: request.reasonCodes, reasons: request.reasons ?? null }),
          ),
        );
        await manager.query(
          `INSERT INTO risk_assessments (id, reference, level, reasons, assessed_by, assessed_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [id, reference, request.level, reasons, actor.subject],
        );
        await manager.query(`UPDATE care_records SET risk_level = $2 WHERE reference = $1`, [
          reference,
          request.level,
        ]);
        return { id, level: request.level };
      },
    );
  }

  /** Replaces the record's one safety plan (encrypted as a whole). */
  updateSafetyPlan(actor: Actor, reference: string, request: SafetyPlanRequest) {
    return this.records.run(
      actor,
      reference,
      { mode: 'write', action: 'safety-plan.updated', states: OPEN },
      async ({ manager, withKey }) => {
        const plan = await withKey((key) =>
          encryptField(key, reference, 'safety-plan', reference, JSON.stringify(request)),
        );
        await manager.query(
          `INSERT INTO safety_plans (reference, plan, updated_by, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (reference) DO UPDATE
             SET plan = excluded.plan, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          [reference, plan, actor.subject],
        );
        return { reference, updated: true };
      },
    );
  }
}
