import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { MatchingModule } from '../matching/matching.module';
import { PlacementsModule } from '../placements/placements.module';
import { VacanciesController } from './vacancies.controller';
import { VacanciesService } from './vacancies.service';

@Module({
  imports: [CoreModule, MatchingModule, PlacementsModule],
  controllers: [VacanciesController],
  providers: [VacanciesService],
})
export class VacanciesModule {}
