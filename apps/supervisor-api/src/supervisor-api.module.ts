import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AlertBus } from './alerts/alerts';
import { ApprovalsQueue } from './approvals/approvals';
import { ApprovalsController } from './approvals/approvals.controller';
import { IntakeClient } from './approvals/intake-client';
import { AlertsController } from './alerts/alerts.controller';
import { DeadlineSweep } from './alerts/deadline-sweep';
import type { SupervisorApiConfig } from './config';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardQueries } from './dashboard/dashboard-queries';
import { Indicators } from './indicators/indicators';
import { IndicatorsController } from './indicators/indicators.controller';
import { LiveProjection } from './projection/live-projection';
import { SessionController } from './session/session.controller';
import { supervisorApiService } from './service';
import { PathWorkflows } from './workflow/path-workflows';

/**
 * Supervisor API: the read model projected from every topic, the dashboard's queries within the
 * caller's municipality, live workflow state, approvals (sent to intake) and live alerts.
 */
@Module({})
export class SupervisorApiModule {
  static register(config: SupervisorApiConfig): DynamicModule {
    return {
      module: SupervisorApiModule,
      imports: foundationModules(supervisorApiService, config),
      controllers: [
        SessionController,
        DashboardController,
        ApprovalsController,
        IndicatorsController,
        AlertsController,
      ],
      providers: [
        DashboardQueries,
        PathWorkflows,
        ApprovalsQueue,
        IntakeClient,
        Indicators,
        AlertBus,
        LiveProjection,
        DeadlineSweep,
      ],
    };
  }
}
