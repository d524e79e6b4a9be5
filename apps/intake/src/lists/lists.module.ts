import { Module } from '@nestjs/common';
import { CaseListController } from './case-list.controller';
import { ListsService } from './lists.service';
import { ReturneeListController } from './returnee-list.controller';

/** Searchable, paged lists of cases and returnees. */
@Module({
  controllers: [CaseListController, ReturneeListController],
  providers: [ListsService],
})
export class ListsModule {}
