import { createApiClient } from '@reintegra/ui-web';
import type { Language } from './i18n';

// The API helper, problem+json handling and the session live in the shared web library
// (libs/ui-web), used by the office app too.
export { ApiError, type Problem, queryString } from '@reintegra/ui-web';

const client = createApiClient({ tokenKey: 'reintegra.supervisor.token' });

export const { session, apiGet, apiPost, useApi, whenUnauthenticated } = client;
const headers = client.headers;

export function setApiLanguage(language: Language): void {
  client.setLanguage(language);
}

export interface LiveAlert {
  kind: 'escalation' | 'deadline-breach';
  id: string;
  caseId: string;
  referralId: string;
  service: string | null;
  priority: string | null;
  at: string;
  escalation?: number;
}

/**
 * Server-sent events over fetch (EventSource cannot send the bearer token). Reconnects after a
 * drop; returns a function that stops it.
 */
export function streamAlerts(
  onAlert: (alert: LiveAlert) => void,
  onConnection: (connected: boolean) => void,
): () => void {
  const controller = new AbortController();
  const connect = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/alerts', {
          headers: headers({ accept: 'text/event-stream' }),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`alerts: ${response.status}`);
        onConnection(true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: ?(.*)$/m.exec(block)?.[1];
            const data = /^data: ?(.*)$/m.exec(block)?.[1];
            if (data && (type === 'escalation' || type === 'deadline-breach'))
              onAlert(JSON.parse(data) as LiveAlert);
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      onConnection(false);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  };
  void connect();
  return () => controller.abort();
}
