import {
  ChannelError,
  type NotificationChannel,
  type OutgoingMessage,
} from './notification-channel';

export interface GatewaySettings {
  name: 'sms' | 'whatsapp';
  url: string;
  token?: string;
  timeoutMs?: number;
}

/**
 * SMS or WhatsApp through a gateway's HTTP API: `POST <url>` with JSON `{channel, to, text}` and
 * the bearer token. Any 2xx is accepted; the vendor's own API sits behind a small relay or a
 * gateway that speaks this shape, so no vendor is wired into the service.
 */
export class HttpGatewayChannel implements NotificationChannel {
  readonly name: 'sms' | 'whatsapp';
  readonly address = 'phone' as const;

  constructor(private readonly settings: GatewaySettings) {
    this.name = settings.name;
  }

  async send(message: OutgoingMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.settings.token ? { authorization: `Bearer ${this.settings.token}` } : {}),
        },
        body: JSON.stringify({ channel: this.name, to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ChannelError(`${this.name} gateway unreachable: ${(error as Error).name}`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new ChannelError(`${this.name} gateway answered ${response.status}`);
  }
}
