import 'reflect-metadata';
import { migrate } from '@reintegra/platform-service';
import { communityInclusionService } from './service';

migrate(communityInclusionService);
