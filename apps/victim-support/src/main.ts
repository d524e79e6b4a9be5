import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { VictimSupportModule } from './victim-support.module';
import { victimSupportService } from './service';

serve(victimSupportService, (config) => VictimSupportModule.register(config));
