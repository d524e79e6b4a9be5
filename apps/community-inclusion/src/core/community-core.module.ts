import { Module } from '@nestjs/common';
import { CommunityEvents } from './community-events.service';
import { Memberships } from './memberships.service';
import { ReferralLedger } from './referral-ledger.service';

/** What every community feature shares: its events, the referral ledger and ending a membership. */
@Module({
  providers: [CommunityEvents, ReferralLedger, Memberships],
  exports: [CommunityEvents, ReferralLedger, Memberships],
})
export class CommunityCoreModule {}
