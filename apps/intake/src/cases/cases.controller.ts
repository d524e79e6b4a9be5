import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { entityTag, UuidParam } from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { CaseViewService } from './case-view.service';

/** A case at a glance, by the municipal office (officers and supervisors of its municipality). */
@Controller('cases/:caseId')
@Roles('intake-officer', 'supervisor', 'national-supervisor')
export class CasesController {
  constructor(private readonly views: CaseViewService) {}

  /** Status and version (the ETag), episode, plan summary and referrals with their statuses. */
  @Get()
  @AuditedRead({ action: 'case.read' })
  async read(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const view = await this.views.read(id, actor);
    response.setHeader('ETag', entityTag(view.version));
    return view;
  }
}
