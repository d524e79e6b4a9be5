import { Module } from '@nestjs/common';
import { CaseWindDown } from './case-wind-down.service';
import { EmploymentEvents } from './employment-events.service';
import { ReferralLedger } from './referral-ledger.service';

/** What every feature uses: the event mapping, the referral ledger and the wind-down port. */
@Module({
  providers: [EmploymentEvents, ReferralLedger, CaseWindDown],
  exports: [EmploymentEvents, ReferralLedger, CaseWindDown],
})
export class CoreModule {}
