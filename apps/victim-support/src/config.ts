import { z } from 'zod';
import { authConfigSpec } from '@reintegra/platform-auth';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';
import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
  variable,
} from '@reintegra/platform-config';

export const SERVICE_NAME = 'victim-support';

export const victimSupportConfigSpec = {
  ...serviceConfigSpec(3105),
  ...databaseConfigSpec('victim_support'),
  ...kafkaConfigSpec('victim-support'),
  ...authConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec('victim-support'),
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
