import { z } from 'zod';
import { type ConfigOf, type ConfigSpec, variable } from '@reintegra/platform-config';
import { consumerConfigSpec } from '@reintegra/platform-messaging';
import { foundationConfigSpec } from '@reintegra/platform-service';

export const SERVICE_NAME = 'notifications';

const optionalUrl = z.url().optional();
const channelList = z
  .string()
  .transform((value) => value.split(',').map((name) => name.trim()))
  .pipe(z.array(z.enum(['email', 'sms', 'whatsapp'])).min(1));

/** Reminder settings: where messages go out, who the officers are, how hard to try. */
const notificationsSpec = {
  SMTP_HOST: variable(z.string().min(1), 'SMTP server that sends e-mail reminders.', {
    devDefault: '127.0.0.1',
  }),
  SMTP_PORT: variable(
    z.coerce.number().int().min(1).max(65535),
    'SMTP port (587 with STARTTLS, 465 with TLS).',
    {
      devDefault: '51025',
    },
  ),
  SMTP_SECURE: variable(
    z.stringbool().default(false),
    'TLS from the first byte (port 465); otherwise STARTTLS when the server offers it.',
  ),
  SMTP_USER: variable(z.string().min(1).optional(), 'SMTP user name (unset: no authentication).'),
  SMTP_PASSWORD: variable(z.string().min(1).optional(), 'SMTP password.', { secret: true }),
  SMTP_FROM: variable(
    z.string().min(3),
    'Sender of reminders, e.g. `Oficina de Retorno <avisos@alcaldia.gob.sv>`.',
    {
      devDefault: 'Reintegra <avisos@reintegra.localhost>',
    },
  ),
  SMS_GATEWAY_URL: variable(optionalUrl, 'HTTP endpoint of the SMS gateway (unset: no SMS).'),
  SMS_GATEWAY_TOKEN: variable(z.string().min(1).optional(), 'Bearer token of the SMS gateway.', {
    secret: true,
  }),
  WHATSAPP_GATEWAY_URL: variable(
    optionalUrl,
    'HTTP endpoint of the WhatsApp gateway (unset: no WhatsApp).',
  ),
  WHATSAPP_GATEWAY_TOKEN: variable(
    z.string().min(1).optional(),
    'Bearer token of the WhatsApp gateway.',
    {
      secret: true,
    },
  ),
  PERSON_CHANNELS: variable(
    channelList.default(['email', 'sms']),
    'Channels tried for the person, in order: the first one configured for which intake has an address.',
  ),
  NOTIFY_LANGUAGE: variable(z.enum(['es', 'en']).default('es'), 'Language of the reminders.'),
  INTAKE_URL: variable(
    z.url(),
    "Intake's base URL: the person's contact is asked there at send time.",
    {
      devDefault: 'http://127.0.0.1:3101',
    },
  ),
  INTAKE_ACCESS_TOKEN: variable(
    z.string().min(1).optional(),
    'Token of the notifications service account at intake (roles `intake-officer` + `national-supervisor`). Unset in development: the demo account `servicio-avisos` is fetched from DEV_IDENTITY_URL.',
    { secret: true },
  ),
  DEV_IDENTITY_URL: variable(
    z.url().optional(),
    'Development identity provider the intake token comes from when INTAKE_ACCESS_TOKEN is unset; never set in production.',
    { devDefault: 'http://127.0.0.1:3100' },
  ),
  OFFICER_EMAILS: variable(
    z
      .string()
      .transform((value, ctx) => {
        try {
          return JSON.parse(value) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string().min(1), z.email()))
      .default({}),
    'JSON object: officer id (as the path names it) → e-mail address for officer reminders.',
  ),
  OFFICE_EMAIL: variable(
    z.email().optional(),
    "The office's shared address: officer reminders go there when the officer has no address.",
  ),
  NOTIFY_MAX_AGE_DAYS: variable(
    z.coerce.number().int().min(1).max(365).default(7),
    'A reminder whose date (follow-up due, deadline escalated) is older than this is logged as skipped `too-old`, never sent: a first start or a replay reads the whole history.',
  ),
  NOTIFY_MAX_ATTEMPTS: variable(
    z.coerce.number().int().min(1).max(20).default(5),
    'Attempts per message before it is dead-lettered.',
  ),
  NOTIFY_RETRY_BASE_MS: variable(
    z.coerce.number().int().min(10).max(3_600_000).default(60_000),
    'Wait after the first failed attempt; doubles each attempt.',
  ),
  NOTIFY_POLL_INTERVAL_MS: variable(
    z.coerce.number().int().min(10).max(60_000).default(1_000),
    'How often pending messages are looked for when idle.',
  ),
} satisfies ConfigSpec;

export const notificationsConfigSpec = {
  ...foundationConfigSpec({ port: 3111, database: 'notifications', name: SERVICE_NAME }),
  ...consumerConfigSpec(SERVICE_NAME),
  ...notificationsSpec,
};

export type NotificationsConfig = ConfigOf<typeof notificationsConfigSpec>;
