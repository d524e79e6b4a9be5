import { Module } from '@nestjs/common';
import { CommunityClient } from './community-client';
import { CommunityInclusionController } from './community-inclusion.controller';
import { CommunityInclusion } from './community-inclusion.queries';

/**
 * Community inclusion indicators, from the community service's events (small counts suppressed),
 * and its pulse survey aggregates (cohesion), asked with the supervisor's token.
 */
@Module({
  controllers: [CommunityInclusionController],
  providers: [CommunityInclusion, CommunityClient],
})
export class CommunityInclusionModule {}
