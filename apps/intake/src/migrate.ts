import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { intakeService } from './service';

migrate(intakeService);
