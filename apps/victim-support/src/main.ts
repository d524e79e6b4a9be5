import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { VictimSupportModule } from './victim-support.module';
import { victimSupportService } from './service';

// One process: the care API over HTTP and the consumer of confidential referrals.
serve(victimSupportService, (config) => VictimSupportModule.register(config));
