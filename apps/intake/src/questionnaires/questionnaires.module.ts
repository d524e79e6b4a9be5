import { Module } from '@nestjs/common';
import { QuestionnairesController } from './questionnaires.controller';

/** The published needs-assessment questionnaires. */
@Module({
  controllers: [QuestionnairesController],
})
export class QuestionnairesModule {}
