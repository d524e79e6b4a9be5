import { Module } from '@nestjs/common';
import { MatchIndex } from './match-index.service';
import { MatchingService } from './matching.service';

@Module({ providers: [MatchIndex, MatchingService], exports: [MatchingService] })
export class MatchingModule {}
