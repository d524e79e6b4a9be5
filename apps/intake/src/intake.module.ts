import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { ArrivalListsModule } from './arrival-lists/arrival-lists.module';
import { AssessmentModule } from './assessment/assessment.module';
import { CaseEventsModule } from './case-events/case-events.module';
import { CasesModule } from './cases/cases.module';
import { ClosureModule } from './closure/closure.module';
import type { IntakeConfig } from './config';
import { ConsentsModule } from './consents/consents.module';
import { DocumentsModule } from './documents/documents.module';
import { GuardiansModule } from './guardians/guardians.module';
import { HouseholdsModule } from './households/households.module';
import { ListsModule } from './lists/lists.module';
import { NotesModule } from './notes/notes.module';
import { PlansModule } from './plans/plans.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReturneesModule } from './returnees/returnees.module';
import { ScoringModule } from './scoring/scoring.module';
import { TransfersModule } from './transfers/transfers.module';
import { intakeService } from './service';
import { VictimSupportModule } from './victim-support/victim-support.module';

/** Intake: the platform's foundation and one module per feature (each depends on core/ below it). */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        ...foundationModules(intakeService, config),
        ReturneesModule,
        CasesModule,
        QuestionnairesModule,
        AssessmentModule,
        ScoringModule,
        PlansModule,
        ClosureModule,
        ConsentsModule,
        ReferralsModule,
        VictimSupportModule,
        CaseEventsModule,
        ListsModule,
        ArrivalListsModule,
        NotesModule,
        DocumentsModule,
        HouseholdsModule,
        GuardiansModule,
        TransfersModule,
      ],
    };
  }
}
