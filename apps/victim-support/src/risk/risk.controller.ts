import { Controller, HttpCode, Post, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { COUNSELLOR } from '../core/access-policy';
import {
  riskAssessmentSchema,
  type RiskAssessmentRequest,
  safetyPlanSchema,
  type SafetyPlanRequest,
} from './risk.requests';
import { RiskService } from './risk.service';

/** Care content: counsellors only; the need-to-know rule per record is CareRecordAccess's. */
@Controller()
@Roles(COUNSELLOR)
export class RiskController {
  constructor(private readonly risk: RiskService) {}

  @Post('care-records/:reference/risk-assessments')
  @HttpCode(201)
  assessRisk(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(riskAssessmentSchema) body: RiskAssessmentRequest,
  ) {
    return this.risk.assessRisk(actor, reference, body);
  }

  @Put('care-records/:reference/safety-plan')
  updateSafetyPlan(
    @CurrentActor() actor: Actor,
    @UuidParam('reference') reference: string,
    @ValidBody(safetyPlanSchema) body: SafetyPlanRequest,
  ) {
    return this.risk.updateSafetyPlan(actor, reference, body);
  }
}
