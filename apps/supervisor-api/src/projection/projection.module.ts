import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { LiveProjection } from './live-projection.service';

/** The read model projected from every case topic, with live escalation alerts. */
@Module({
  imports: [AlertsModule],
  providers: [LiveProjection],
})
export class ProjectionModule {}
