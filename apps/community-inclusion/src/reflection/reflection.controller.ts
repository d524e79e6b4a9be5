import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, CurrentActor, Roles } from '@reintegra/platform-auth';
import { UuidParam, ValidBody } from '@reintegra/platform-http';
import { type ReflectionNoteRequest, reflectionNoteSchema } from './reflection.requests';
import { ReflectionService } from './reflection.service';

/** Facilitator-only notes of sensitive sessions (the activity's named facilitators; not admin). */
@Controller('sessions/:id/reflection-notes')
export class ReflectionController {
  constructor(private readonly reflection: ReflectionService) {}

  @Post()
  @HttpCode(201)
  @Roles('community-facilitator')
  write(
    @UuidParam('id') sessionId: string,
    @ValidBody(reflectionNoteSchema) body: ReflectionNoteRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.reflection.write(sessionId, body.notes, actor);
  }

  @Get()
  @Roles('community-facilitator')
  read(@UuidParam('id') sessionId: string, @CurrentActor() actor: Actor) {
    return this.reflection.read(sessionId, actor);
  }
}
