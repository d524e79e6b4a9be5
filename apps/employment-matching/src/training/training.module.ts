import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { WorkshopsController } from './workshops.controller';
import { WorkshopsService } from './workshops.service';

@Module({
  imports: [CoreModule],
  controllers: [WorkshopsController],
  providers: [WorkshopsService],
})
export class TrainingModule {}
