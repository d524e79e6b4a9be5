import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { AlertsModule } from './alerts/alerts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { CommunityInclusionModule } from './community/community-inclusion.module';
import type { SupervisorApiConfig } from './config';
import { DashboardModule } from './dashboard/dashboard.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { PathActionsModule } from './path-actions/path-actions.module';
import { ProjectionModule } from './projection/projection.module';
import { supervisorApiService } from './service';
import { SessionModule } from './session/session.module';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [
  SessionModule,
  DashboardModule,
  ApprovalsModule,
  PathActionsModule,
  IndicatorsModule,
  CommunityInclusionModule,
  AlertsModule,
  ProjectionModule,
];

/**
 * Supervisor API: the read model projected from every topic, the dashboard's queries within the
 * caller's municipality, live workflow state, approvals (sent to intake) and live alerts.
 */
@Module({})
export class SupervisorApiModule {
  static register(config: SupervisorApiConfig): DynamicModule {
    return serviceRootModule(SupervisorApiModule, supervisorApiService, config, FEATURES);
  }
}
