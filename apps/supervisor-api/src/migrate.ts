import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { supervisorApiService } from './service';

migrate(supervisorApiService);
