import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { CandidatesController } from './candidates/candidates.controller';
import { CandidatesService } from './candidates/candidates.service';
import type { EmploymentMatchingConfig } from './config';
import { ProjectsController } from './entrepreneurship/projects.controller';
import { ProjectsService } from './entrepreneurship/projects.service';
import { EmploymentEvents } from './events/employment-events';
import { IntakeEvents } from './intake/intake-events';
import { IntakeEventsController } from './intake/intake-events.controller';
import { MatchIndex } from './matching/match-index';
import { MatchingService } from './matching/matching.service';
import { OccupationsController } from './occupations/occupations.controller';
import { PlacementsController } from './placements/placements.controller';
import { PlacementsService } from './placements/placements.service';
import { CaseWindDown } from './referrals/case-wind-down';
import { ReferralDecisions } from './referrals/referral-decisions';
import { ReferralLedger } from './referrals/referral-ledger';
import { ReferralsController } from './referrals/referrals.controller';
import { employmentMatchingService } from './service';
import { WorkshopsController } from './training/workshops.controller';
import { WorkshopsService } from './training/workshops.service';
import { VacanciesController } from './vacancies/vacancies.controller';
import { VacanciesService } from './vacancies/vacancies.service';

/**
 * Employment matching: candidates from referrals, skills profiles, employers' vacancies,
 * explainable matching, the placement loop with retention checks, workshop schools and
 * entrepreneurship projects. State changes and their events share one transaction (outbox).
 */
@Module({})
export class EmploymentMatchingModule {
  static register(config: EmploymentMatchingConfig): DynamicModule {
    return {
      module: EmploymentMatchingModule,
      imports: foundationModules(employmentMatchingService, config),
      controllers: [
        CandidatesController,
        VacanciesController,
        PlacementsController,
        ReferralsController,
        WorkshopsController,
        ProjectsController,
        OccupationsController,
        IntakeEventsController,
      ],
      providers: [
        EmploymentEvents,
        ReferralLedger,
        ReferralDecisions,
        CaseWindDown,
        IntakeEvents,
        CandidatesService,
        VacanciesService,
        MatchIndex,
        MatchingService,
        PlacementsService,
        WorkshopsService,
        ProjectsService,
      ],
    };
  }
}
