import { createTransport, type Transporter } from 'nodemailer';
import {
  ChannelError,
  type NotificationChannel,
  type OutgoingMessage,
} from './notification-channel';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** E-mail over SMTP: any municipal or hosted mail server (STARTTLS when offered, TLS on 465). */
export class SmtpChannel implements NotificationChannel {
  readonly name = 'email' as const;
  readonly address = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (error) {
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      throw new ChannelError(`smtp ${code ?? 'error'}${responseCode ? ` ${responseCode}` : ''}`);
    }
  }

  close(): void {
    this.transport.close();
  }
}
