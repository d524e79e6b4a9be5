import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { serviceDirectoryService } from './service';

migrate(serviceDirectoryService);
