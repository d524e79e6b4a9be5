import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { CaseListController } from './case-list.controller';
import { ListsService } from './lists.service';
import { ReturneeListController } from './returnee-list.controller';

/** Searchable, paged lists of cases and returnees. */
@Module({
  imports: [CoreModule],
  controllers: [CaseListController, ReturneeListController],
  providers: [ListsService],
})
export class ListsModule {}
