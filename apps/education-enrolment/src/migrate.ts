import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { educationEnrolmentService } from './service';

migrate(educationEnrolmentService);
