import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';

/** Consents of a case: granted, withdrawn, checked before referrals and disclosures. */
@Module({
  imports: [CoreModule],
  controllers: [ConsentsController],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
