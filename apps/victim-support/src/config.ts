import { z } from 'zod';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';
import { type ConfigOf, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';

export const SERVICE_NAME = 'victim-support';

export const victimSupportConfigSpec = {
  ...foundationConfigSpec({ port: 3105, database: 'victim_support', name: SERVICE_NAME }),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  VICTIM_SUPPORT_KEK_FILE: variable(
    z.string().min(1),
    'Key-encryption key file (32 random bytes, base64) that wraps every case key. Created with ' +
      'mode 0600 on first start when missing; losing it makes every care record unreadable, so ' +
      'back it up apart from the database. Replace the local key provider by a KMS in production.',
    { secret: true, devDefault: '.stack/secrets/victim-support-kek.b64' },
  ),
  BREAK_GLASS_MINUTES: variable(
    z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(60),
    'How long an emergency (break-glass) access to a care record lasts, in minutes.',
  ),
};

export type VictimSupportConfig = ConfigOf<typeof victimSupportConfigSpec>;
