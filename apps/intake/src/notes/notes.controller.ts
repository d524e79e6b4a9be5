import { Get, Post } from '@nestjs/common';
import { type Actor, CurrentActor } from '@reintegra/platform-auth';
import {
  ApiJsonResponse,
  ApiProblems,
  Caller,
  UuidParam,
  ValidBody,
  ValidQuery,
} from '@reintegra/platform-http';
import { AuditedRead } from '../core/audited-read.interceptor';
import { CaseController } from '../core/case-routes';
import { readReasonQuerySchema, type ReadReason } from '../core/confidentiality';
import { type WriteNoteRequest, writeNoteRequestSchema } from './note.requests';
import { type NoteList, noteListSchema, noteSchema } from './note.responses';
import { NotesService } from './notes.service';

/** The notes shown with their text, one audit row each (the case alone when none was). */
function notesShown(answer: unknown, params: Readonly<Record<string, string>>) {
  const caseId = params['caseId'] as string;
  const shown = (answer as NoteList).items.filter((note) => note.text !== undefined);
  return shown.length > 0
    ? shown.map((note) => ({ caseId, relatedId: note.noteId }))
    : [{ caseId }];
}

/** Case notes, by the office of the case's municipality (see core/confidentiality.ts for who reads what). */
@CaseController('cases/:caseId/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  /** Writes a note (sealed at rest); a note is never edited, a correction is a new note. */
  @Post()
  @ApiJsonResponse(201, noteSchema, { description: 'The note as written' })
  @ApiProblems({ 403: 'Case outside your municipality', 404: 'No such case' })
  write(
    @Caller() { actor, context }: Caller,
    @UuidParam('caseId') caseId: string,
    @ValidBody(writeNoteRequestSchema) body: WriteNoteRequest,
  ) {
    return this.notes.write(caseId, body, actor, context.correlationId);
  }

  /** The case's notes, oldest first: general ones with their text, restricted ones without. */
  @Get()
  @AuditedRead({ action: 'case-notes.read', subjects: notesShown })
  @ApiJsonResponse(200, noteListSchema, { description: 'The notes of the case' })
  @ApiProblems({ 403: 'Case outside your municipality', 404: 'No such case' })
  list(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string) {
    return this.notes.list(caseId, actor);
  }

  /** One note with its text; a restricted one only to its author and supervisors, with a reason. */
  @Get(':noteId')
  @AuditedRead({
    action: 'case-note.read',
    subjects: (_answer, params) => [
      { caseId: params['caseId'] as string, relatedId: params['noteId'] as string },
    ],
  })
  @ApiJsonResponse(200, noteSchema, { description: 'The note' })
  @ApiProblems({
    403: 'Case outside your municipality, or a restricted note of someone else',
    404: 'No such case or note',
    422: 'A restricted note read without a reason',
  })
  read(
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') caseId: string,
    @UuidParam('noteId') noteId: string,
    @ValidQuery(readReasonQuerySchema) query: { reason?: ReadReason },
  ) {
    return this.notes.read(caseId, noteId, actor, query.reason);
  }
}
