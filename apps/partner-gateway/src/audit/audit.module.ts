import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { AuditController } from './audit.controller';

/** Reading the audit log (written by every feature through the core's AuditLog). */
@Module({
  imports: [CoreModule],
  controllers: [AuditController],
})
export class AuditModule {}
