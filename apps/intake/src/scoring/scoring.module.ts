import { Module } from '@nestjs/common';
import { RescoreService } from './rescore.service';
import { ScoreRecorder } from './score-recorder.service';
import { ScoresController } from './scores.controller';

/** Sustainability scores: computed from assessments, recomputed under a new scoring version. */
@Module({
  controllers: [ScoresController],
  providers: [ScoreRecorder, RescoreService],
  exports: [ScoreRecorder],
})
export class ScoringModule {}
