import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';
import { preferredLanguage } from './localized-issues';

export interface FailedAuthThrottleOptions {
  /** Refused-credential answers (401) one client address may cause per window. */
  readonly limit: number;
  readonly windowMs: number;
}

const TITLE = {
  es: 'Demasiados intentos sin credenciales válidas. Espere y vuelva a intentar.',
  en: 'Too many attempts without valid credentials. Wait and try again.',
};

/**
 * Rate limit for unauthenticated and failed-auth traffic (issue 20, 10): each client address may
 * cause `limit` 401 answers per window; after that it gets 429 with Retry-After until the window
 * ends, before any token check, handler or audit write runs. Legitimate clients stop at their
 * first 401 (the web apps drop the session), so the limit only meets guessing and floods.
 * In memory, per process: enough against a flood on one process; behind a reverse proxy, set
 * Express's `trust proxy` so the address is the client's, not the proxy's.
 */
export function failedAuthThrottle(options: FailedAuthThrottleOptions) {
  const windows = new Map<string, { startedAt: number; failures: number }>();
  const current = (address: string, now: number) => {
    const window = windows.get(address);
    if (window && now - window.startedAt < options.windowMs) return window;
    if (windows.size > 10_000) {
      for (const [key, old] of windows) {
        if (now - old.startedAt >= options.windowMs) windows.delete(key);
      }
    }
    const fresh = { startedAt: now, failures: 0 };
    windows.set(address, fresh);
    return fresh;
  };
  return (request: Request, response: Response, next: NextFunction): void => {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const window = current(address, now);
    if (window.failures >= options.limit) {
      const language = preferredLanguage(request.headers['accept-language']);
      const retryAfter = Math.ceil((window.startedAt + options.windowMs - now) / 1000);
      response
        .status(429)
        .setHeader('Retry-After', String(Math.max(retryAfter, 1)))
        .setHeader('Content-Language', language)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          JSON.stringify({
            type: 'urn:reintegra:problem:auth.too-many-failures',
            title: TITLE[language],
            status: 429,
            code: 'auth.too-many-failures',
            instance: request.path,
          }),
        );
      return;
    }
    response.on('finish', () => {
      if (response.statusCode === 401) current(address, Date.now()).failures++;
    });
    next();
  };
}
