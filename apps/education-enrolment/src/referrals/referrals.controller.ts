import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ReferralRouter } from './referral-router.service';

@Controller()
export class ReferralsController {
  constructor(
    private readonly router: ReferralRouter,
    private readonly dataSource: DataSource,
  ) {}

  /** The referral queue of the caller's provider (all referrals for national roles). */
  @Get('referrals')
  @Roles('education-caseworker', 'national-supervisor', 'admin')
  referrals(@CurrentActor() actor: Actor) {
    return this.router.list(this.dataSource.manager, actor);
  }
}
