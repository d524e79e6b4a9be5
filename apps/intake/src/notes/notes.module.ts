import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

/** Case notes with a confidentiality level, sealed at rest, every read audited. */
@Module({
  imports: [CoreModule],
  controllers: [NotesController],
  providers: [NotesService],
})
export class NotesModule {}
