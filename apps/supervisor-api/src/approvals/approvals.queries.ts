import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findMunicipality } from '@reintegra/reference-data';
import { scopeSql } from '../core/scope';

export interface PendingCase {
  caseId: string;
  municipalityCode: string;
  phase: string;
  planVersion: number | null;
  planStatus: string | null;
  closurePending: boolean;
}

/** The approvals queue from the read model: plans submitted, closures proposed. */
@Injectable()
export class ApprovalsQueue {
  constructor(private readonly dataSource: DataSource) {}

  async queue(municipalityCode: string | null) {
    const p: unknown[] = [];
    const scope = scopeSql('municipality_code', municipalityCode, p);
    const [plans, closures] = await Promise.all([
      this.dataSource.query(
        `SELECT case_id AS "caseId", municipality_code AS "municipalityCode", phase, plan_id AS "planId",
                plan_version AS "planVersion", plan_goal_dimensions AS "goalDimensions",
                plan_proposed_referrals AS "proposedReferrals", plan_submitted_by AS "submittedBy",
                plan_submitted_at AS "submittedAt"
           FROM cases WHERE plan_status = 'submitted' AND closed_at IS NULL AND ${scope}
          ORDER BY plan_submitted_at LIMIT 200`,
        p,
      ) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(
        `SELECT case_id AS "caseId", municipality_code AS "municipalityCode", phase,
                closure_proposed_reason AS reason, closure_proposed_by AS "proposedBy",
                closure_proposed_at AS "proposedAt"
           FROM cases WHERE closure_proposed_at IS NOT NULL AND closed_at IS NULL AND ${scope}
          ORDER BY closure_proposed_at LIMIT 200`,
        p,
      ) as Promise<Record<string, unknown>[]>,
    ]);
    const named = (row: Record<string, unknown>) => ({
      ...row,
      municipalityName: findMunicipality(row['municipalityCode'] as string)?.name ?? null,
    });
    return { plans: plans.map(named), closures: closures.map(named) };
  }

  /** The case within the scope, or undefined. */
  async pendingCase(municipalityCode: string | null, caseId: string) {
    const p: unknown[] = [caseId];
    const rows = (await this.dataSource.query(
      `SELECT case_id AS "caseId", municipality_code AS "municipalityCode", phase,
              plan_version AS "planVersion", plan_status AS "planStatus",
              (closure_proposed_at IS NOT NULL AND closed_at IS NULL) AS "closurePending"
         FROM cases WHERE case_id = $1 AND registered_at IS NOT NULL
          AND ${scopeSql('municipality_code', municipalityCode, p)}`,
      p,
    )) as PendingCase[];
    return rows[0];
  }
}
