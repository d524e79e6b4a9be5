import { Module } from '@nestjs/common';
import { AlertBus } from './alert-bus.service';
import { AlertsController } from './alerts.controller';
import { DeadlineSweep } from './deadline-sweep.service';

/** Live alerts: the bus, the deadline sweep that feeds it and the server-sent event stream. */
@Module({
  controllers: [AlertsController],
  providers: [AlertBus, DeadlineSweep],
  exports: [AlertBus],
})
export class AlertsModule {}
