import { Module } from '@nestjs/common';
import { RiskController } from './risk.controller';
import { RiskService } from './risk.service';

/** Risk assessments and the safety plan. */
@Module({ controllers: [RiskController], providers: [RiskService] })
export class RiskModule {}
