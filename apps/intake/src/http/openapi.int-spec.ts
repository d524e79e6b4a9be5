import type { INestApplication } from '@nestjs/common';
import { startIntakeForTest } from '../testing/intake-test-bed';

let app: INestApplication;
let url: string;

interface Operation {
  operationId: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  'x-roles'?: string[];
}
interface Document {
  openapi: string;
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}

beforeAll(async () => {
  ({ app, url } = await startIntakeForTest());
});

afterAll(async () => {
  await app?.close();
});

describe('intake API documentation', () => {
  let document: Document;

  beforeAll(async () => {
    const response = await fetch(`${url}/docs/openapi.json`); // public: no token
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });

  it('documents every intake route, with its method', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Reintegra intake');
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /returnees',
        'GET /returnees',
        'PATCH /returnees/{id}',
        'GET /returnees/{id}/path',
        'GET /cases',
        'GET /cases/{caseId}/consents',
        'POST /cases/{caseId}/consents',
        'POST /cases/{caseId}/consents/{consentId}/withdrawal',
        'GET /cases/{caseId}/referrals',
        'POST /cases/{caseId}/referrals',
        'POST /cases/{caseId}/referrals/{referralId}/revocation',
        'POST /cases/{caseId}/victim-support-referrals',
        'POST /cases/{caseId}/notes',
        'GET /cases/{caseId}/notes/{noteId}',
        'POST /cases/{caseId}/documents',
        'GET /cases/{caseId}/documents/{documentId}/content',
        'POST /arrival-lists',
        'GET /arrival-lists/{id}',
        'GET /arrival-lists/{id}/entries',
        'GET /health',
      ]),
    );
  });

  it('describes the registration body from its zod schema and the errors as problem+json', () => {
    const register = document.paths['/returnees']?.['post'];
    const schema = register?.requestBody?.content['application/json']?.schema;
    expect(schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['firstNames', 'lastNames', 'dateOfBirth']),
      properties: expect.objectContaining({
        gender: expect.objectContaining({ enum: ['female', 'male', 'other', 'undisclosed'] }),
        arrivalEntryId: expect.objectContaining({ format: 'uuid' }),
      }),
    });
    for (const status of ['400', '401', '403', '409', '413']) {
      expect(Object.keys(register?.responses[status]?.content ?? {})).toEqual([
        'application/problem+json',
      ]);
    }
    expect(register?.['x-roles']).toEqual(['intake-officer', 'national-supervisor']);
  });

  it('accepts arrival lists as JSON or CSV', () => {
    const upload = document.paths['/arrival-lists']?.['post'];
    expect(Object.keys(upload?.requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('takes documents as the file’s raw bytes and answers them as files', () => {
    const upload = document.paths['/cases/{caseId}/documents']?.['post'];
    expect(Object.keys(upload?.requestBody?.content ?? {}).sort()).toEqual([
      'application/octet-stream',
      'application/pdf',
      'image/jpeg',
      'image/png',
    ]);
    expect(Object.keys(upload?.responses['415']?.content ?? {})).toEqual([
      'application/problem+json',
    ]);
    const download = document.paths['/cases/{caseId}/documents/{documentId}/content']?.['get'];
    expect(Object.keys(download?.responses['200']?.content ?? {}).sort()).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
    ]);
    expect(download?.['x-roles']).toEqual(['intake-officer', 'supervisor', 'national-supervisor']);
  });

  it('needs no token for health and the docs, a bearer token for the rest', async () => {
    expect(document.paths['/health']?.['get']?.security).toEqual([]);
    expect(document.paths['/returnees']?.['get']?.security).toBeUndefined(); // document-wide bearer
    const ui = await fetch(`${url}/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
  });
});
