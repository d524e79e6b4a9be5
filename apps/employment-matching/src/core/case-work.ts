import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseWindDown } from './case-wind-down.service';
import { EmploymentEvents } from './employment-events.service';
import { ReferralLedger } from './referral-ledger.service';

/**
 * What a feature that holds work for a person (placements, workshop seats, projects) works with:
 * its transactions, its events, the referral ledger, and the wind-down it registers its part in.
 */
@Injectable()
export abstract class CaseWork {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly events: EmploymentEvents,
    protected readonly referrals: ReferralLedger,
    protected readonly windDown: CaseWindDown,
  ) {}
}
