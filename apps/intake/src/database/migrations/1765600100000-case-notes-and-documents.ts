import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case notes and documents. Their content is personal data and is stored only encrypted (envelope
 * encryption: `content` sealed with a per-record data key, `wrapped_key` that key wrapped by the
 * KEK named in `kek_id`). The clear columns hold codes, sizes and pseudonymous authors only.
 * Notes are never edited (a correction is a new note); nothing here is updated by the service.
 */
export class CaseNotesAndDocuments1765600100000 implements MigrationInterface {
  name = 'CaseNotesAndDocuments1765600100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_notes (
        id              uuid PRIMARY KEY,
        case_id         uuid NOT NULL REFERENCES return_episodes (id),
        confidentiality text NOT NULL CHECK (confidentiality IN ('general', 'restricted')),
        author          text NOT NULL CHECK (author ~ '^user:'),
        written_at      timestamptz NOT NULL DEFAULT now(),
        kek_id          text NOT NULL,
        wrapped_key     bytea NOT NULL,
        content         bytea NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX case_notes_case ON case_notes (case_id, written_at)`);
    await queryRunner.query(`
      CREATE TABLE case_documents (
        id              uuid PRIMARY KEY,
        case_id         uuid NOT NULL REFERENCES return_episodes (id),
        kind            text NOT NULL
                        CHECK (kind IN ('identity-document', 'certificate', 'deportation-record', 'other')),
        confidentiality text NOT NULL CHECK (confidentiality IN ('general', 'restricted')),
        content_type    text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes      integer NOT NULL CHECK (size_bytes > 0),
        uploaded_by     text NOT NULL CHECK (uploaded_by ~ '^user:'),
        uploaded_at     timestamptz NOT NULL DEFAULT now(),
        kek_id          text NOT NULL,
        wrapped_key     bytea NOT NULL,
        content         bytea NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX case_documents_case ON case_documents (case_id, uploaded_at)`,
    );
    // Already compressed or encrypted: TOAST compression would only cost CPU.
    await queryRunner.query(`ALTER TABLE case_documents ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_documents`);
    await queryRunner.query(`DROP TABLE case_notes`);
  }
}
