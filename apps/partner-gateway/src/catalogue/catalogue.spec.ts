import { Parser } from '@asyncapi/parser';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerEventCatalogue, partnerEventEnvelopeSchema } from '@reintegra/event-contracts';
import { buildAsyncApiDocument } from './asyncapi';
import { publishedJsonSchema } from './json-schema';
import { breakingChanges } from './schema-compatibility';

/**
 * The committed catalogue (catalogue/asyncapi.json) is the generated one: regenerate it with
 * `UPDATE_CATALOGUE=1 npx nx run partner-gateway:test --skip-nx-cache`. Published schemas
 * (catalogue/published/) are written once, for a new event type or version, with
 * `PUBLISH_SCHEMAS=1 …` and never rewritten: every later schema must stay compatible with them.
 */
const catalogueDir = join(__dirname, '../../catalogue');
const documentFile = join(catalogueDir, 'asyncapi.json');
const publishedDir = join(catalogueDir, 'published');
const ENVELOPE = 'envelope';

const currentSchemas = (): Record<string, Record<string, unknown>> => ({
  [ENVELOPE]: publishedJsonSchema(partnerEventEnvelopeSchema),
  ...Object.fromEntries(
    partnerEventCatalogue.map((definition) => [
      definition.type,
      publishedJsonSchema(definition.data),
    ]),
  ),
});

describe('AsyncAPI catalogue', () => {
  const generated = JSON.parse(JSON.stringify(buildAsyncApiDocument())) as Record<string, unknown>;

  it('is committed exactly as generated from the contracts', () => {
    if (process.env['UPDATE_CATALOGUE'] === '1') {
      writeFileSync(documentFile, `${JSON.stringify(generated, null, 2)}\n`);
    }
    const committed = JSON.parse(readFileSync(documentFile, 'utf8')) as unknown;
    expect(committed).toEqual(generated);
  });

  it('is a valid AsyncAPI 3 document (parsed offline by @asyncapi/parser)', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(generated));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.messages().length).toBe(partnerEventCatalogue.length);
  }, 60_000);

  it('documents every public event type with an example that its contract accepts', () => {
    const messages = Object.values(
      (
        generated['components'] as {
          messages: Record<
            string,
            { name: string; examples: Array<{ payload: { data: unknown } }> }
          >;
        }
      ).messages,
    );
    expect(messages.map((message) => message.name).sort()).toEqual(
      partnerEventCatalogue.map((definition) => definition.type).sort(),
    );
    for (const message of messages) {
      const definition = partnerEventCatalogue.find((d) => d.type === message.name);
      const example = message.examples[0]?.payload;
      expect(partnerEventEnvelopeSchema.safeParse(example).success).toBe(true);
      expect(definition?.data.safeParse(example?.data).success).toBe(true);
    }
  });
});

describe('compatibility with the published schemas', () => {
  if (process.env['PUBLISH_SCHEMAS'] === '1') {
    mkdirSync(publishedDir, { recursive: true });
    for (const [type, schema] of Object.entries(currentSchemas())) {
      const file = join(publishedDir, `${type}.json`);
      if (!existsSync(file)) writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    }
  }
  const published = Object.fromEntries(
    readdirSync(publishedDir).map((file) => [
      file.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(publishedDir, file), 'utf8')) as Record<string, unknown>,
    ]),
  );

  it.each(Object.entries(currentSchemas()))('%s is published', (type) => {
    expect(Object.keys(published)).toContain(type);
  });

  it.each(Object.entries(published))(
    '%s has no breaking change within its version',
    (type, schema) => {
      const current = currentSchemas()[type];
      // A published version is never withdrawn: agencies may still consume it.
      expect(current).toBeDefined();
      expect(breakingChanges(schema, current ?? {})).toEqual([]);
    },
  );
});
