import { Module } from '@nestjs/common';
import { CommunityInclusionController } from './community-inclusion.controller';
import { CommunityInclusion } from './community-inclusion.queries';

/** Community inclusion indicators, from the community service's events (small counts suppressed). */
@Module({
  controllers: [CommunityInclusionController],
  providers: [CommunityInclusion],
})
export class CommunityInclusionModule {}
