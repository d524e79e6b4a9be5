import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testToken } from '@reintegra/testing';
import {
  caseFlowTokens,
  HOME,
  httpClient,
  newPerson,
  type Reply,
} from '../testing/case-flow-fixtures';
import { EXE, onePagePdf, PNG } from '../testing/document-fixtures';
import { DOCUMENT_TEST_MAX_BYTES, startIntakeForTest } from '../testing/intake-test-bed';

/**
 * Case notes and documents on the real stack: types from the bytes, sealed at rest, byte-identical
 * download, confidentiality, and an audit row for every read of personal data.
 */
let app: INestApplication;
let url: string;
let call: ReturnType<typeof httpClient>;
let tokens: Awaited<ReturnType<typeof caseFlowTokens>>;
let otherOfficer: string;

beforeAll(async () => {
  [tokens, otherOfficer] = await Promise.all([
    caseFlowTokens(),
    testToken({ roles: ['intake-officer'], municipalityCode: HOME, subject: 'test-other-officer' }),
  ]);
  ({ app, url } = await startIntakeForTest());
  call = httpClient(url);
});

afterAll(async () => {
  await app?.close();
});

const db = () => app.get(DataSource);

async function newCase(): Promise<{ caseId: string; returneeId: string }> {
  const reply = await call('POST', '/returnees', tokens.officer, newPerson());
  expect(reply.status).toBe(201);
  return { caseId: reply.body['caseId'] as string, returneeId: reply.body['returneeId'] as string };
}

async function upload(
  caseId: string,
  bytes: Buffer,
  contentType: string,
  token = tokens.officer,
  query = 'kind=identity-document',
): Promise<Reply> {
  const response = await fetch(`${url}/cases/${caseId}/documents?${query}`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': contentType },
    body: bytes,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

async function download(path: string, token: string) {
  const response = await fetch(`${url}${path}`, { headers: { authorization: token } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

const auditOf = (caseId: string, actionPrefix: string) =>
  db().query(
    `SELECT action, actor, returnee_id, related_id, reason_code FROM audit_log
      WHERE case_id = $1 AND action LIKE $2 ORDER BY seq`,
    [caseId, `${actionPrefix}%`],
  );

describe('documents', () => {
  it('refuses what is not a PDF, JPEG or PNG by its bytes, whatever its name or declared type', async () => {
    const { caseId } = await newCase();
    for (const declared of ['application/pdf', 'application/octet-stream']) {
      const exe = await upload(caseId, EXE, declared); // an .exe renamed .pdf
      expect(exe.status).toBe(415);
      expect(exe.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(exe.body['code']).toBe('document.type-not-allowed');
    }
    const pngAsPdf = await upload(caseId, PNG, 'application/pdf');
    expect(pngAsPdf.status).toBe(415);
    expect(pngAsPdf.body['code']).toBe('document.type-mismatch');
    expect((await upload(caseId, onePagePdf('x'), 'text/html')).status).toBe(415);
    const tooLarge = Buffer.concat([onePagePdf('x'), Buffer.alloc(DOCUMENT_TEST_MAX_BYTES)]);
    const large = await upload(caseId, tooLarge, 'application/pdf');
    expect(large.status).toBe(413);
    expect(large.body['code']).toBe('request.too-large');
    const [{ count }] = await db().query(
      `SELECT count(*)::int AS count FROM case_documents WHERE case_id = $1`,
      [caseId],
    );
    expect(count).toBe(0);
  });

  it('stores a real PDF sealed and gives it back byte for byte; list and download are audited', async () => {
    const { caseId, returneeId } = await newCase();
    const pdf = onePagePdf('Constancia de retorno 2025');
    const stored = await upload(caseId, pdf, 'application/octet-stream');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      caseId,
      kind: 'identity-document',
      confidentiality: 'general',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedBy: 'user:test-intake-officer',
    });
    const documentId = stored.body['documentId'] as string;

    const [row] = await db().query(
      `SELECT content, wrapped_key FROM case_documents WHERE id = $1`,
      [documentId],
    );
    expect(row.content.includes(Buffer.from('%PDF'))).toBe(false);
    expect(row.content.includes(Buffer.from('Constancia'))).toBe(false);
    expect(row.wrapped_key.length).toBeGreaterThan(0);

    const listed = await call('GET', `/cases/${caseId}/documents`, tokens.supervisor);
    expect(listed.status).toBe(200);
    expect(listed.body['items']).toEqual([stored.body]);

    const file = await download(`/cases/${caseId}/documents/${documentId}/content`, otherOfficer);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="documento-${documentId}.pdf"`,
    );
    expect(file.bytes.equals(pdf)).toBe(true);

    expect(await auditOf(caseId, 'case-document')).toEqual([
      {
        action: 'case-document.uploaded',
        actor: 'user:test-intake-officer',
        returnee_id: returneeId,
        related_id: documentId,
        reason_code: null,
      },
      {
        action: 'case-documents.read',
        actor: 'user:test-supervisor',
        returnee_id: null,
        related_id: null,
        reason_code: null,
      },
      {
        action: 'case-document.read',
        actor: 'user:test-other-officer',
        returnee_id: null,
        related_id: documentId,
        reason_code: null,
      },
    ]);
  });

  it('gives a restricted document to its uploader and supervisors only, with a reason', async () => {
    const { caseId } = await newCase();
    const stored = await upload(
      caseId,
      PNG,
      'image/png',
      tokens.officer,
      'kind=certificate&confidentiality=restricted',
    );
    expect(stored.status).toBe(201);
    const path = `/cases/${caseId}/documents/${stored.body['documentId'] as string}/content`;
    expect((await download(path, otherOfficer)).status).toBe(403);
    expect((await download(`${path}?reason=case-follow-up`, otherOfficer)).status).toBe(403);
    expect((await download(path, tokens.officer)).status).toBe(422);
    const image = await download(`${path}?reason=safeguarding`, tokens.supervisor);
    expect(image.status).toBe(200);
    expect(image.bytes.equals(PNG)).toBe(true);
    const reads = await auditOf(caseId, 'case-document.read');
    expect(reads).toEqual([
      expect.objectContaining({ actor: 'user:test-supervisor', reason_code: 'safeguarding' }),
    ]);
  });
});

describe('notes', () => {
  it('keeps notes sealed and audits every read of one: lists, single reads, with reasons for restricted ones', async () => {
    const { caseId, returneeId } = await newCase();
    const general = await call('POST', `/cases/${caseId}/notes`, tokens.officer, {
      text: 'Acordamos visita domiciliar el lunes.',
    });
    expect(general.status).toBe(201);
    expect(general.body).toMatchObject({
      caseId,
      confidentiality: 'general',
      author: 'user:test-intake-officer',
    });
    const restricted = await call('POST', `/cases/${caseId}/notes`, tokens.officer, {
      text: 'Refiere amenazas de un grupo en su colonia.',
      confidentiality: 'restricted',
    });
    expect(restricted.status).toBe(201);
    const generalId = general.body['noteId'] as string;
    const restrictedId = restricted.body['noteId'] as string;

    const stored: { content: Buffer }[] = await db().query(
      `SELECT content FROM case_notes WHERE case_id = $1`,
      [caseId],
    );
    expect(stored).toHaveLength(2);
    for (const { content } of stored) {
      expect(content.includes(Buffer.from('visita'))).toBe(false);
      expect(content.includes(Buffer.from('amenazas'))).toBe(false);
    }

    const listed = await call('GET', `/cases/${caseId}/notes`, otherOfficer);
    expect(listed.status).toBe(200);
    expect(listed.body['items']).toEqual([
      { ...general.body },
      {
        noteId: restrictedId,
        caseId,
        confidentiality: 'restricted',
        author: 'user:test-intake-officer',
        writtenAt: restricted.body['writtenAt'],
      },
    ]);
    const generalRead = await call('GET', `/cases/${caseId}/notes/${generalId}`, otherOfficer);
    expect(generalRead.body['text']).toBe('Acordamos visita domiciliar el lunes.');
    expect((await call('GET', `/cases/${caseId}/notes/${restrictedId}`, otherOfficer)).status).toBe(
      403,
    );
    const noReason = await call('GET', `/cases/${caseId}/notes/${restrictedId}`, tokens.supervisor);
    expect(noReason.status).toBe(422);
    expect(noReason.body['code']).toBe('record.reason-required');
    const badReason = await call(
      'GET',
      `/cases/${caseId}/notes/${restrictedId}?reason=curiosity`,
      tokens.supervisor,
    );
    expect(badReason.status).toBe(400);
    const supervised = await call(
      'GET',
      `/cases/${caseId}/notes/${restrictedId}?reason=supervision`,
      tokens.supervisor,
    );
    expect(supervised.status).toBe(200);
    expect(supervised.body['text']).toBe('Refiere amenazas de un grupo en su colonia.');
    const own = await call(
      'GET',
      `/cases/${caseId}/notes/${restrictedId}?reason=case-follow-up`,
      tokens.officer,
    );
    expect(own.status).toBe(200);

    expect(await auditOf(caseId, 'case-note')).toEqual([
      {
        action: 'case-note.written',
        actor: 'user:test-intake-officer',
        returnee_id: returneeId,
        related_id: generalId,
        reason_code: null,
      },
      {
        action: 'case-note.written',
        actor: 'user:test-intake-officer',
        returnee_id: returneeId,
        related_id: restrictedId,
        reason_code: null,
      },
      // The list showed the text of the general note only; refused reads showed nothing.
      {
        action: 'case-notes.read',
        actor: 'user:test-other-officer',
        returnee_id: null,
        related_id: generalId,
        reason_code: null,
      },
      {
        action: 'case-note.read',
        actor: 'user:test-other-officer',
        returnee_id: null,
        related_id: generalId,
        reason_code: null,
      },
      {
        action: 'case-note.read',
        actor: 'user:test-supervisor',
        returnee_id: null,
        related_id: restrictedId,
        reason_code: 'supervision',
      },
      {
        action: 'case-note.read',
        actor: 'user:test-intake-officer',
        returnee_id: null,
        related_id: restrictedId,
        reason_code: 'case-follow-up',
      },
    ]);
  });
});

describe('reads of personal data elsewhere in intake', () => {
  it('audits the returnee and case views, the case’s consents, referrals, assessments and scores, and both lists (a row per person or case shown)', async () => {
    const { caseId, returneeId } = await newCase();
    const correlationId = randomUUID();
    const headers = { 'x-correlation-id': correlationId };
    expect(
      (await call('GET', `/returnees/${returneeId}`, tokens.supervisor, undefined, headers)).status,
    ).toBe(200);
    expect(
      (await call('GET', `/cases/${caseId}`, tokens.supervisor, undefined, headers)).status,
    ).toBe(200);
    for (const part of ['consents', 'referrals', 'assessments', 'scores']) {
      expect(
        (await call('GET', `/cases/${caseId}/${part}`, tokens.officer, undefined, headers)).status,
      ).toBe(200);
    }
    // No plan yet: a refused read (404) showed nothing and writes no row.
    expect(
      (await call('GET', `/cases/${caseId}/plan`, tokens.officer, undefined, headers)).status,
    ).toBe(404);
    const cases = await call('GET', '/cases?limit=3', tokens.supervisor, undefined, headers);
    const people = await call('GET', '/returnees?limit=2', tokens.supervisor, undefined, headers);
    const rows: { action: string; returnee_id: string | null; case_id: string | null }[] =
      await db().query(
        `SELECT action, returnee_id, case_id FROM audit_log WHERE correlation_id = $1 ORDER BY seq`,
        [correlationId],
      );
    const listedCases = (cases.body['items'] as { caseId: string; returneeId: string }[]).map(
      (item) => ({
        action: 'case-list.read',
        returnee_id: item.returneeId,
        case_id: item.caseId,
      }),
    );
    const listedPeople = (
      people.body['items'] as { returneeId: string; latestCase: { caseId: string } }[]
    ).map((item) => ({
      action: 'returnee-list.read',
      returnee_id: item.returneeId,
      case_id: item.latestCase.caseId,
    }));
    expect(listedCases).toHaveLength(3);
    expect(listedPeople).toHaveLength(2);
    expect(rows).toEqual([
      { action: 'returnee.read', returnee_id: returneeId, case_id: null },
      { action: 'case.read', returnee_id: null, case_id: caseId },
      ...['consents', 'referrals', 'assessments', 'scores'].map((part) => ({
        action: `case-${part}.read`,
        returnee_id: null,
        case_id: caseId,
      })),
      ...listedCases,
      ...listedPeople,
    ]);
  });
});

describe('who may use the notes and documents routes', () => {
  it('lets the office of the case in, keeps other roles and other municipalities out', async () => {
    const { caseId } = await newCase();
    const note = await call('POST', `/cases/${caseId}/notes`, tokens.officer, {
      text: 'Nota de acceso.',
    });
    const document = await upload(caseId, PNG, 'image/png');
    const reads = [
      `/cases/${caseId}/notes`,
      `/cases/${caseId}/notes/${note.body['noteId'] as string}`,
      `/cases/${caseId}/documents`,
      `/cases/${caseId}/documents/${document.body['documentId'] as string}/content`,
    ];
    const status = async (token: string) => [
      (await call('POST', `/cases/${caseId}/notes`, token, { text: 'Otra nota.' })).status,
      (await upload(caseId, PNG, 'image/png', token)).status,
      ...(await Promise.all(reads.map(async (path) => (await download(path, token)).status))),
    ];
    expect(await status(tokens.officer)).toEqual([201, 201, 200, 200, 200, 200]);
    expect(await status(tokens.supervisor)).toEqual([201, 201, 200, 200, 200, 200]);
    expect(await status(tokens.national)).toEqual([201, 201, 200, 200, 200, 200]);
    expect(await status(tokens.caseworker)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await status(tokens.officerElsewhere)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await status(tokens.supervisorElsewhere)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await status('Bearer not-a-token')).toEqual([401, 401, 401, 401, 401, 401]);
  });
});
