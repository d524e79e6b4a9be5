import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { victimSupportService } from './service';

migrate(victimSupportService);
