import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorReference } from '@reintegra/platform-auth';
import { NotFoundError } from '@reintegra/platform-errors';
import { CaseAccess } from '../core/case-access.service';
import { assertMayRead, type ReadReason } from '../core/confidentiality';
import { IntakeAudit } from '../core/intake-audit.service';
import { RecordCipher } from '../core/record-cipher.service';
import { insertNote, type NoteRow, noteOfCase, notesOfCase } from './note.queries';
import type { WriteNoteRequest } from './note.requests';
import type { Note, NoteList } from './note.responses';

const noteNotFound = () =>
  new NotFoundError('note.not-found', {
    es: 'El caso no tiene una nota con ese identificador.',
    en: 'The case has no note with that id.',
  });

function summary(row: NoteRow): Note {
  return {
    noteId: row.id,
    caseId: row.case_id,
    confidentiality: row.confidentiality,
    author: row.author,
    writtenAt: row.written_at.toISOString(),
  };
}

/** Case notes: written sealed, read by the office within each note's confidentiality. */
@Injectable()
export class NotesService {
  constructor(
    private readonly cases: CaseAccess,
    private readonly cipher: RecordCipher,
    private readonly audit: IntakeAudit,
  ) {}

  async write(
    caseId: string,
    request: WriteNoteRequest,
    actor: Actor,
    correlationId: string,
  ): Promise<Note> {
    return this.cases.inCase(caseId, actor, async (manager, episode) => {
      const id = randomUUID();
      const sealed = await this.cipher.seal('case-note', caseId, id, Buffer.from(request.text));
      const row = await insertNote(
        manager,
        {
          id,
          case_id: caseId,
          confidentiality: request.confidentiality,
          author: actorReference(actor),
        },
        sealed,
      );
      await this.audit.record(manager, {
        action: 'case-note.written',
        actor: row.author,
        returneeId: episode.returneeId,
        caseId,
        relatedId: id,
        correlationId,
        at: row.written_at,
      });
      return { ...summary(row), text: request.text };
    });
  }

  /** Every note of the case; the text of general ones only (restricted ones are read one by one). */
  async list(caseId: string, actor: Actor): Promise<NoteList> {
    const rows = await this.cases.inCase(caseId, actor, async (manager) => {
      return notesOfCase(manager, caseId);
    });
    const items = await Promise.all(
      rows.map(async (row) =>
        row.confidentiality === 'general'
          ? { ...summary(row), text: await this.open(row) }
          : summary(row),
      ),
    );
    return { items };
  }

  async read(caseId: string, noteId: string, actor: Actor, reason?: ReadReason): Promise<Note> {
    const row = await this.cases.inCase(caseId, actor, async (manager) => {
      return noteOfCase(manager, caseId, noteId);
    });
    if (!row) throw noteNotFound();
    assertMayRead(actor, row, reason);
    return { ...summary(row), text: await this.open(row) };
  }

  private async open(row: NoteRow): Promise<string> {
    const plaintext = await this.cipher.open('case-note', row.case_id, row.id, {
      kekId: row.kek_id,
      wrappedKey: row.wrapped_key,
      sealed: row.content,
    });
    return plaintext.toString('utf8');
  }
}
