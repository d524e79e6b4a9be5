import { Module } from '@nestjs/common';
import { EnrolmentModule } from '../enrolment/enrolment.module';
import { ConsentWithdrawal } from './consent-withdrawal.service';
import { ConsentsConsumer } from './consents.consumer';

/** Consent withdrawal: the case's education referrals end and the learner's data is erased. */
@Module({
  imports: [EnrolmentModule],
  controllers: [ConsentsConsumer],
  providers: [ConsentWithdrawal],
})
export class ConsentsModule {}
