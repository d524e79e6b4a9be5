import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Transfers of a case to another municipality's office (consented, accepted or declined). */
@Module({
  imports: [CoreModule],
  controllers: [TransfersController],
  providers: [TransfersService],
})
export class TransfersModule {}
