import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsQueue } from './approvals.queries';
import { IntakeClient } from './intake-client';

/** The approvals queue and the supervisor's decisions, sent on to intake. */
@Module({
  controllers: [ApprovalsController],
  providers: [ApprovalsQueue, IntakeClient],
})
export class ApprovalsModule {}
