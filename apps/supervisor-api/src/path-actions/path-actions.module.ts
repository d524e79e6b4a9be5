import { Module } from '@nestjs/common';
import { PathActionsController } from './path-actions.controller';
import { PathActions } from './path-actions.service';

/** Reassigning a path's officer and pausing or resuming it (the workflow's own updates). */
@Module({
  controllers: [PathActionsController],
  providers: [PathActions],
})
export class PathActionsModule {}
