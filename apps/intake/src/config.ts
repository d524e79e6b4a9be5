import { z } from 'zod';
import { type ConfigOf, temporalConfigSpec, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'intake';

/** What the upload route reads at most, whatever INTAKE_DOCUMENT_MAX_BYTES says (→ 413 above). */
export const DOCUMENT_BYTES_CEILING = 25 * 1024 * 1024;

export const intakeConfigSpec = {
  ...foundationConfigSpec({ port: 3101, database: 'intake', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  VICTIM_SUPPORT_HOLD_MAX_MS: variable(
    z.coerce.number().int().min(2_000).max(86_400_000).default(900_000),
    'Longest a victim-support event is held before it is sent (ms); each waits a random time between half this and this, so a reference cannot be joined to its case by time.',
  ),
  INTAKE_KEK_FILE: variable(
    z.string().min(1),
    'Key-encryption key file (32 random bytes, base64) that wraps the key of every case note and ' +
      'document. Created with mode 0600 on first start when missing; losing it makes every note ' +
      'and document unreadable, so back it up apart from the database. A KMS can replace it.',
    { secret: true, devDefault: '.stack/secrets/intake-kek.b64' },
  ),
  INTAKE_DOCUMENT_MAX_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(1_024)
      .max(DOCUMENT_BYTES_CEILING)
      .default(10 * 1024 * 1024),
    'Largest document (PDF, JPEG, PNG) an office may upload, in bytes (default 10 MB; at most 25 MB).',
  ),
};

export type IntakeConfig = ConfigOf<typeof intakeConfigSpec>;
