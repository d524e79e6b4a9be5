import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { CoreModule } from '../core/core.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { ScreeningDisclosureController } from './screening-disclosure.controller';
import { ScreeningDisclosureService } from './screening-disclosure.service';

/** Needs assessments of a case and the screening disclosures to victim support. */
@Module({
  imports: [CoreModule, ScoringModule, ConsentsModule],
  controllers: [AssessmentsController, ScreeningDisclosureController],
  providers: [AssessmentsService, ScreeningDisclosureService],
})
export class AssessmentModule {}
