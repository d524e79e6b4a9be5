import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonBody, ZodValidationPipe } from '@reintegra/platform-http';
import { AuditLog } from '../audit/audit-log';
import { CareRecordsService } from './care-records.service';
import {
  acceptReferralSchema,
  type AcceptReferralRequest,
  addServiceSchema,
  type AddServiceRequest,
  assignCounsellorSchema,
  type AssignCounsellorRequest,
  breakGlassSchema,
  type BreakGlassRequest,
  closeRecordSchema,
  type CloseRecordRequest,
  discloseSchema,
  type DiscloseRequest,
  eraseRecordSchema,
  type EraseRecordRequest,
  grantConsentSchema,
  type GrantConsentRequest,
  recordSessionSchema,
  type RecordSessionRequest,
  riskAssessmentSchema,
  type RiskAssessmentRequest,
  safetyPlanSchema,
  type SafetyPlanRequest,
} from './care.requests';

const COUNSELLOR = 'victim-support-counsellor';
const SUPERVISOR = 'victim-support-supervisor';
const reference = () => new ParseUUIDPipe({ version: '4' });

/**
 * The care API. Only victim-support roles reach it at all (the guard answers 403 to every other
 * role, admin included); the per-record need-to-know rule is applied by CareRecordsService.
 */
@Controller()
@Roles(COUNSELLOR, SUPERVISOR)
export class CareRecordsController {
  constructor(
    private readonly care: CareRecordsService,
    private readonly audit: AuditLog,
  ) {}

  /** Referrals waiting for a counsellor (priority, requested services; no care content). */
  @Get('referrals')
  referrals() {
    return this.care.pendingReferrals();
  }

  @Post('care-records/:reference/acceptance')
  @Roles(COUNSELLOR)
  @HttpCode(200)
  @ApiJsonBody(acceptReferralSchema)
  accept(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(acceptReferralSchema)) body: AcceptReferralRequest,
  ) {
    return this.care.accept(actor, ref, body);
  }

  @Post('care-records/:reference/assignments')
  @Roles(SUPERVISOR)
  @HttpCode(201)
  @ApiJsonBody(assignCounsellorSchema)
  assign(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(assignCounsellorSchema)) body: AssignCounsellorRequest,
  ) {
    return this.care.assign(actor, ref, body);
  }

  @Get('care-records/:reference')
  read(@CurrentActor() actor: Actor, @Param('reference', reference()) ref: string) {
    return this.care.read(actor, ref);
  }

  @Post('care-records/:reference/risk-assessments')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(riskAssessmentSchema)
  assessRisk(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(riskAssessmentSchema)) body: RiskAssessmentRequest,
  ) {
    return this.care.assessRisk(actor, ref, body);
  }

  @Put('care-records/:reference/safety-plan')
  @Roles(COUNSELLOR)
  @ApiJsonBody(safetyPlanSchema)
  updateSafetyPlan(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(safetyPlanSchema)) body: SafetyPlanRequest,
  ) {
    return this.care.updateSafetyPlan(actor, ref, body);
  }

  @Post('care-records/:reference/services')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(addServiceSchema)
  addService(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(addServiceSchema)) body: AddServiceRequest,
  ) {
    return this.care.addService(actor, ref, body);
  }

  @Post('care-records/:reference/sessions')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(recordSessionSchema)
  recordSession(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(recordSessionSchema)) body: RecordSessionRequest,
  ) {
    return this.care.recordSession(actor, ref, body);
  }

  @Post('care-records/:reference/closure')
  @Roles(COUNSELLOR)
  @HttpCode(200)
  @ApiJsonBody(closeRecordSchema)
  close(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(closeRecordSchema)) body: CloseRecordRequest,
  ) {
    return this.care.close(actor, ref, body);
  }

  @Post('care-records/:reference/consents')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(grantConsentSchema)
  grantConsent(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(grantConsentSchema)) body: GrantConsentRequest,
  ) {
    return this.care.grantConsent(actor, ref, body);
  }

  @Post('care-records/:reference/consents/:consentId/withdrawal')
  @Roles(COUNSELLOR)
  @HttpCode(200)
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Param('consentId', new ParseUUIDPipe()) consentId: string,
  ) {
    return this.care.withdrawConsent(actor, ref, consentId);
  }

  @Post('care-records/:reference/disclosures')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(discloseSchema)
  disclose(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(discloseSchema)) body: DiscloseRequest,
  ) {
    return this.care.disclose(actor, ref, body);
  }

  @Post('care-records/:reference/break-glass')
  @Roles(COUNSELLOR)
  @HttpCode(201)
  @ApiJsonBody(breakGlassSchema)
  breakGlass(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(breakGlassSchema)) body: BreakGlassRequest,
  ) {
    return this.care.breakGlass(actor, ref, body);
  }

  @Post('care-records/:reference/erasure')
  @Roles(SUPERVISOR)
  @HttpCode(200)
  @ApiJsonBody(eraseRecordSchema)
  erase(
    @CurrentActor() actor: Actor,
    @Param('reference', reference()) ref: string,
    @Body(new ZodValidationPipe(eraseRecordSchema)) body: EraseRecordRequest,
  ) {
    return this.care.erase(actor, ref, body);
  }

  /** Who did what to a record, when and on what basis (codes only); kept after erasure. */
  @Get('care-records/:reference/audit')
  @Roles(SUPERVISOR)
  auditTrail(@Param('reference', reference()) ref: string) {
    return this.audit.forReference(ref);
  }

  @Get('audit/verification')
  @Roles(SUPERVISOR)
  verifyAudit() {
    return this.audit.verify();
  }

  @Get('supervisor/notifications')
  @Roles(SUPERVISOR)
  notifications() {
    return this.care.openNotifications();
  }

  @Post('supervisor/notifications/:id/acknowledgement')
  @Roles(SUPERVISOR)
  @HttpCode(200)
  acknowledge(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.care.acknowledgeNotification(actor, id);
  }
}
