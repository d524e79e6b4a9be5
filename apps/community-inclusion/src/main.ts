import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { CommunityInclusionModule } from './community-inclusion.module';
import { communityInclusionService } from './service';

// One process: the HTTP API, the outbox relay and the consumer of referrals and consents.
serve(communityInclusionService, (config) => CommunityInclusionModule.register(config));
