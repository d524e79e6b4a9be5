import { Module } from '@nestjs/common';
import { ArrivalListProcessor } from './arrival-list.processor';
import { ArrivalListsController } from './arrival-lists.controller';
import { ArrivalListsService } from './arrival-lists.service';

/** Arrival lists (flight and bus manifests): uploaded, checked row by row, registered from. */
@Module({
  controllers: [ArrivalListsController],
  providers: [ArrivalListsService, ArrivalListProcessor],
})
export class ArrivalListsModule {}
