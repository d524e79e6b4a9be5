import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonResponse, ValidQuery } from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { type ReturneeListQuery, returneeListQuerySchema } from './list.requests';
import { type ReturneeList, returneeListSchema } from './list.responses';
import { ListsService } from './lists.service';

@Controller('returnees')
export class ReturneeListController {
  constructor(private readonly lists: ListsService) {}

  /** Returnees with their latest case, newest return first; search by name or DUI. */
  @Get()
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @AuditedRead({
    action: 'returnee-list.read',
    subjects: (answer) =>
      (answer as ReturneeList).items.map((item) => ({
        returneeId: item.returneeId,
        caseId: item.latestCase.caseId,
      })),
  })
  @ApiJsonResponse(200, returneeListSchema, { description: 'A page of returnees' })
  list(
    @CurrentActor() actor: Actor,
    @ValidQuery(returneeListQuerySchema) query: ReturneeListQuery,
  ) {
    return this.lists.returnees(actor, query);
  }
}
