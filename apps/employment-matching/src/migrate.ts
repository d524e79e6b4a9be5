import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { employmentMatchingService } from './service';

migrate(employmentMatchingService);
