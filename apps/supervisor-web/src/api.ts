import type { Language } from './i18n';

/** An RFC 9457 problem from the API (problem+json), with per-field errors for bad input. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

const TOKEN_KEY = 'reintegra.supervisor.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

let onUnauthenticated: () => void = () => undefined;
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

let currentLanguage: Language = 'es';
export function setApiLanguage(language: Language): void {
  currentLanguage = language;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = session.token();
  return {
    accept: 'application/json',
    'accept-language': currentLanguage,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extra,
  };
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    if (response.status === 401) onUnauthenticated();
    const problem = (body ?? {}) as Partial<Problem>;
    throw new ApiError({
      status: response.status,
      code: problem.code ?? 'unknown',
      title: problem.title ?? response.statusText,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
  }
  return body as T;
}

export async function apiGet<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { headers: headers() }));
}

export async function apiPost<T>(
  path: string,
  body: unknown,
  extra: Record<string, string> = {},
): Promise<T> {
  return parse<T>(
    await fetch(path, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json', ...extra }),
      body: JSON.stringify(body),
    }),
  );
}

/** A query string from the filters that have a value. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
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
