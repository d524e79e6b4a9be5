import { Controller, Get } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ApiJsonResponse, ValidQuery } from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { type CaseListQuery, caseListQuerySchema } from './list.requests';
import { type CaseList, caseListSchema } from './list.responses';
import { ListsService } from './lists.service';

@Controller('cases')
export class CaseListController {
  constructor(private readonly lists: ListsService) {}

  /** Cases (return episodes), newest return first. */
  @Get()
  @Roles('intake-officer', 'supervisor', 'national-supervisor')
  @AuditedRead({
    action: 'case-list.read',
    subjects: (answer) =>
      (answer as CaseList).items.map(({ caseId, returneeId }) => ({ caseId, returneeId })),
  })
  @ApiJsonResponse(200, caseListSchema, { description: 'A page of cases' })
  list(@CurrentActor() actor: Actor, @ValidQuery(caseListQuerySchema) query: CaseListQuery) {
    return this.lists.cases(actor, query);
  }
}
