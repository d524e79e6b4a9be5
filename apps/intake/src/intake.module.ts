import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AssessmentsController } from './assessment/assessments.controller';
import { AssessmentsService } from './assessment/assessments.service';
import { QuestionnairesController } from './questionnaires/questionnaires.controller';
import { ScreeningDisclosureController } from './assessment/screening-disclosure.controller';
import { ScreeningDisclosureService } from './assessment/screening-disclosure.service';
import { IntakeAudit } from './core/intake-audit';
import { PathEventsController } from './case-events/path-events.consumer';
import { PathPhaseHandler } from './case-events/path-phase.service';
import { ReferralStatusController } from './case-events/referral-status.consumer';
import { ArrivalListProcessor } from './arrival-lists/arrival-list.processor';
import { ArrivalListsController } from './arrival-lists/arrival-lists.controller';
import { ArrivalListsService } from './arrival-lists/arrival-lists.service';
import { CaseAccess } from './core/case-access';
import { CaseLifecycleService } from './core/case-lifecycle.service';
import { CaseViewService } from './cases/case-view.service';
import { CasesController } from './cases/cases.controller';
import { CaseClosureService } from './closure/case-closure.service';
import { ClosureController } from './closure/closure.controller';
import type { IntakeConfig } from './config';
import { CaseListController } from './lists/case-list.controller';
import { ListsService } from './lists/lists.service';
import { ReturneeListController } from './lists/returnee-list.controller';
import { ConsentsService } from './consents/consents.service';
import { PlanController } from './plans/plan.controller';
import { PlansService } from './plans/plans.service';
import { ReferralStatusService } from './referrals/referral-status.service';
import { ReferralsService } from './referrals/referrals.service';
import { PathQueryService } from './reintegration-path/path-query.service';
import { RegisterReturneeService } from './returnees/register-returnee.service';
import { ReturnEpisodesService } from './returnees/return-episodes.service';
import { ReturneeMergeService } from './returnees/returnee-merge.service';
import { ReturneeViewService } from './returnees/returnee-view.service';
import { ReturneesController } from './returnees/returnees.controller';
import { RescoreService } from './scoring/rescore.service';
import { ScoreRecorder } from './scoring/score-recorder';
import { ScoresController } from './scoring/scores.controller';
import { UpdateReturneeController } from './returnees/update-returnee.controller';
import { UpdateReturneeService } from './returnees/update-returnee.service';
import { intakeService } from './service';
import { VictimSupportReferralsService } from './victim-support/victim-support-referrals.service';

@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: foundationModules(intakeService, config),
      controllers: [
        ReturneesController,
        CasesController,
        QuestionnairesController,
        AssessmentsController,
        ScreeningDisclosureController,
        ScoresController,
        PlanController,
        ClosureController,
        ReferralStatusController,
        PathEventsController,
        ReturneeListController,
        CaseListController,
        UpdateReturneeController,
        ArrivalListsController,
      ],
      providers: [
        RegisterReturneeService,
        CaseAccess,
        CaseLifecycleService,
        ConsentsService,
        ReferralsService,
        VictimSupportReferralsService,
        PathQueryService,
        AssessmentsService,
        ScreeningDisclosureService,
        ScoreRecorder,
        RescoreService,
        IntakeAudit,
        ReturnEpisodesService,
        ReturneeMergeService,
        ReturneeViewService,
        CaseViewService,
        CaseClosureService,
        PlansService,
        ReferralStatusService,
        PathPhaseHandler,
        ListsService,
        UpdateReturneeService,
        ArrivalListsService,
        ArrivalListProcessor,
      ],
    };
  }
}
