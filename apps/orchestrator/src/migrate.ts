import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { orchestratorService } from './service';

migrate(orchestratorService);
