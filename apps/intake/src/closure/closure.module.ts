import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { CaseClosureService } from './case-closure.service';
import { ClosureController } from './closure.controller';

/** Closing a case: proposed by the officer, decided by a supervisor, or by the system on a new return. */
@Module({
  imports: [CoreModule],
  controllers: [ClosureController],
  providers: [CaseClosureService],
  exports: [CaseClosureService],
})
export class ClosureModule {}
