import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import type { NotificationsConfig } from '../config';
import { HttpGatewayChannel } from './http-gateway.channel';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './notification-channel';
import { SmtpChannel } from './smtp.channel';

/** The configured channels: e-mail always, SMS and WhatsApp when their gateway URL is set. */
export function channelsOf(config: NotificationsConfig): NotificationChannel[] {
  const channels: NotificationChannel[] = [
    new SmtpChannel({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      user: config.SMTP_USER,
      password: config.SMTP_PASSWORD,
      from: config.SMTP_FROM,
    }),
  ];
  if (config.SMS_GATEWAY_URL)
    channels.push(
      new HttpGatewayChannel({
        name: 'sms',
        url: config.SMS_GATEWAY_URL,
        token: config.SMS_GATEWAY_TOKEN,
      }),
    );
  if (config.WHATSAPP_GATEWAY_URL)
    channels.push(
      new HttpGatewayChannel({
        name: 'whatsapp',
        url: config.WHATSAPP_GATEWAY_URL,
        token: config.WHATSAPP_GATEWAY_TOKEN,
      }),
    );
  return channels;
}

@Module({
  providers: [
    {
      provide: NOTIFICATION_CHANNELS,
      inject: [APP_CONFIG],
      useFactory: (config: NotificationsConfig) => channelsOf(config),
    },
  ],
  exports: [NOTIFICATION_CHANNELS],
})
export class ChannelsModule implements OnApplicationShutdown {
  constructor(@Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[]) {}

  onApplicationShutdown(): void {
    for (const channel of this.channels) if (channel instanceof SmtpChannel) channel.close();
  }
}
