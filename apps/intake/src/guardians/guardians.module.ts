import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { GuardiansController } from './guardians.controller';
import { GuardiansService } from './guardians.service';

/** Minors: the guardian on the case, who gives consent for them. */
@Module({
  imports: [CoreModule],
  controllers: [GuardiansController],
  providers: [GuardiansService],
})
export class GuardiansModule {}
