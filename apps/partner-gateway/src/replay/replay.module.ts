import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { RegistryModule } from '../registry/registry.module';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';

/** Replay of an agency's public event log into one of its subscriptions. */
@Module({
  imports: [CoreModule, RegistryModule],
  controllers: [ReplayController],
  providers: [ReplayService],
})
export class ReplayModule {}
