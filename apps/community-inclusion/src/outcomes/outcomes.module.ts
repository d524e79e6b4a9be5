import { Module } from '@nestjs/common';
import { OutcomesController } from './outcomes.controller';
import { OutcomesService } from './outcomes.service';

/** Outcomes: versioned pre/post pulse surveys, aggregated with small cells suppressed. */
@Module({ controllers: [OutcomesController], providers: [OutcomesService] })
export class OutcomesModule {}
