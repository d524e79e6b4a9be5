/** The channels a reminder can take. */
export type ChannelName = 'email' | 'sms' | 'whatsapp';

export interface OutgoingMessage {
  /** An e-mail address or a phone number, as the channel expects. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** One way of sending; each adapter says which kind of address it needs. */
export interface NotificationChannel {
  readonly name: ChannelName;
  readonly address: 'email' | 'phone';
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * A failed send, with a detail safe to store and log: a status or error code, never the address
 * or the text (a server's own error message may quote the recipient).
 */
export class ChannelError extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
