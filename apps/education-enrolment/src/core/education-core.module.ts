import { Module } from '@nestjs/common';
import { EducationEvents } from './education-events.service';

/** What every education feature shares: the service's events (cohort locks and access rules are plain functions). */
@Module({ providers: [EducationEvents], exports: [EducationEvents] })
export class EducationCoreModule {}
