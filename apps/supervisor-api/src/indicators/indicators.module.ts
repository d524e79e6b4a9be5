import { Module } from '@nestjs/common';
import { IndicatorsController } from './indicators.controller';
import { Indicators } from './indicators.queries';

/** Programme indicators (small counts suppressed), their CSV and the caseload. */
@Module({
  controllers: [IndicatorsController],
  providers: [Indicators],
})
export class IndicatorsModule {}
