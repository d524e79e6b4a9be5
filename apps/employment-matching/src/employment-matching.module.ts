import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { CandidatesModule } from './candidates/candidates.module';
import type { EmploymentMatchingConfig } from './config';
import { EntrepreneurshipModule } from './entrepreneurship/entrepreneurship.module';
import { IntakeModule } from './intake/intake.module';
import { OccupationsModule } from './occupations/occupations.module';
import { PlacementsModule } from './placements/placements.module';
import { ReferralsModule } from './referrals/referrals.module';
import { employmentMatchingService } from './service';
import { TrainingModule } from './training/training.module';
import { VacanciesModule } from './vacancies/vacancies.module';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [
  CandidatesModule,
  VacanciesModule,
  PlacementsModule,
  ReferralsModule,
  TrainingModule,
  EntrepreneurshipModule,
  OccupationsModule,
  IntakeModule,
];

/**
 * Employment matching: candidates from referrals, skills profiles, employers' vacancies,
 * explainable matching, the placement loop with retention checks, workshop schools and
 * entrepreneurship projects. State changes and their events share one transaction (outbox).
 */
@Module({})
export class EmploymentMatchingModule {
  static register(config: EmploymentMatchingConfig): DynamicModule {
    return serviceRootModule(EmploymentMatchingModule, employmentMatchingService, config, FEATURES);
  }
}
