import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AssessmentsController } from './assessment/assessments.controller';
import { AssessmentsService } from './assessment/assessments.service';
import { QuestionnairesController } from './assessment/questionnaires.controller';
import { ScreeningDisclosureController } from './assessment/screening-disclosure.controller';
import { ScreeningDisclosureService } from './assessment/screening-disclosure.service';
import { CaseAccess } from './cases/case-access';
import { CaseLifecycleService } from './cases/case-lifecycle.service';
import { CasesController } from './cases/cases.controller';
import type { IntakeConfig } from './config';
import { ConsentsService } from './consents/consents.service';
import { ReferralsService } from './referrals/referrals.service';
import { PathQueryService } from './reintegration-path/path-query.service';
import { RegisterReturneeService } from './returnees/register-returnee.service';
import { ReturneesController } from './returnees/returnees.controller';
import { RescoreService } from './scoring/rescore.service';
import { ScoreRecorder } from './scoring/score-recorder';
import { ScoresController } from './scoring/scores.controller';
import { intakeService } from './service';
import { VictimSupportReferralsService } from './victim-support/victim-support-referrals.service';
import { VictimSupportStatusController } from './victim-support/victim-support-status.controller';

@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: foundationModules(intakeService, config),
      controllers: [
        ReturneesController,
        CasesController,
        VictimSupportStatusController,
        QuestionnairesController,
        AssessmentsController,
        ScreeningDisclosureController,
        ScoresController,
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
      ],
    };
  }
}
