import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { ActivitiesModule } from './activities/activities.module';
import { AttendanceModule } from './attendance/attendance.module';
import { CodesignModule } from './codesign/codesign.module';
import type { CommunityInclusionConfig } from './config';
import { OutcomesModule } from './outcomes/outcomes.module';
import { ParticipantsModule } from './participants/participants.module';
import { ParticipationModule } from './participation/participation.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReflectionModule } from './reflection/reflection.module';
import { communityInclusionService } from './service';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [
  ActivitiesModule,
  ParticipantsModule,
  ReferralsModule,
  ParticipationModule,
  AttendanceModule,
  ReflectionModule,
  CodesignModule,
  OutcomesModule,
];

/**
 * Community inclusion: activities that bring returnees and residents together, attendance and
 * sustained participation, co-design, guided reflection, outcomes, and community referrals.
 * State changes and their events share one transaction (outbox).
 */
@Module({})
export class CommunityInclusionModule {
  static register(config: CommunityInclusionConfig): DynamicModule {
    return serviceRootModule(CommunityInclusionModule, communityInclusionService, config, FEATURES);
  }
}
