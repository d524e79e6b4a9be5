import { Module } from '@nestjs/common';
import { RemindersConsumer } from './reminders.consumer';

/** Consumer of reintegra.path.events: follow-up waves and missed referral deadlines. */
@Module({ controllers: [RemindersConsumer] })
export class RemindersModule {}
