import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { ArrivalListProcessor } from './arrival-lists/arrival-list.processor';
import { ArrivalListsController } from './arrival-lists/arrival-lists.controller';
import { ArrivalListsService } from './arrival-lists/arrival-lists.service';
import { CaseAccess } from './cases/case-access';
import { CaseLifecycleService } from './cases/case-lifecycle.service';
import { CasesController } from './cases/cases.controller';
import type { IntakeConfig } from './config';
import { CaseListController } from './lists/case-list.controller';
import { ListsService } from './lists/lists.service';
import { ReturneeListController } from './lists/returnee-list.controller';
import { ConsentsService } from './consents/consents.service';
import { ReferralsService } from './referrals/referrals.service';
import { PathQueryService } from './reintegration-path/path-query.service';
import { RegisterReturneeService } from './returnees/register-returnee.service';
import { ReturneesController } from './returnees/returnees.controller';
import { UpdateReturneeController } from './returnees/update-returnee.controller';
import { UpdateReturneeService } from './returnees/update-returnee.service';
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
        ListsService,
        UpdateReturneeService,
        ArrivalListsService,
        ArrivalListProcessor,
      ],
    };
  }
}
