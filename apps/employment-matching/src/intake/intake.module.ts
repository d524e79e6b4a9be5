import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { IntakeEventsConsumer } from './intake-events.consumer';
import { IntakeEvents } from './intake-events.service';

/** What intake and the orchestrator tell this service: referrals, consents, residence, withdrawals. */
@Module({ imports: [CoreModule], controllers: [IntakeEventsConsumer], providers: [IntakeEvents] })
export class IntakeModule {}
