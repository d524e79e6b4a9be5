import { Module } from '@nestjs/common';
import { EducationCoreModule } from '../core/education-core.module';
import { EnrolmentModule } from '../enrolment/enrolment.module';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';

/** Providers, programmes and cohorts (more seats promote from the waitlist). */
@Module({
  imports: [EducationCoreModule, EnrolmentModule],
  controllers: [CatalogueController],
  providers: [CatalogueService],
})
export class CatalogueModule {}
