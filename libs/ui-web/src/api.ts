import { useCallback, useEffect, useState } from 'react';
import type { Language } from './i18n';
import { ApiError, type Problem, problemFrom, problemOf } from './problem';

export interface ApiClientOptions {
  /** sessionStorage key of the bearer token: it lives for the tab only, never in localStorage. */
  tokenKey: string;
}

/**
 * The API helper of a web app: same-origin fetches with the bearer token and the interface
 * language, answers parsed as JSON and failures thrown as problems (problem+json). A 401 ends the
 * session through the handler the app registers.
 */
export function createApiClient(options: ApiClientOptions) {
  const session = {
    token: () => sessionStorage.getItem(options.tokenKey),
    save: (token: string) => sessionStorage.setItem(options.tokenKey, token),
    clear: () => sessionStorage.removeItem(options.tokenKey),
  };
  let onUnauthenticated: () => void = () => undefined;
  let language: Language = 'es';

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = session.token();
    return {
      accept: 'application/json',
      'accept-language': language,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    };
  }

  async function parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      if (response.status === 401) onUnauthenticated();
      throw new ApiError(problemFrom(response.status, response.statusText, body));
    }
    return body as T;
  }

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? { method, headers: headers(extra) }
        : {
            method,
            headers: headers({ 'content-type': 'application/json', ...extra }),
            body: JSON.stringify(body),
          };
    return parse<T>(await fetch(path, init));
  }

  const apiGet = <T>(path: string) => request<T>('GET', path);
  const apiPost = <T>(path: string, body?: unknown, extra: Record<string, string> = {}) =>
    request<T>('POST', path, body ?? {}, extra);
  const apiPut = <T>(path: string, body: unknown, extra: Record<string, string> = {}) =>
    request<T>('PUT', path, body, extra);

  /** Loads a resource; reloads when the path changes or on reload(). */
  function useApi<T>(path: string | null) {
    const [data, setData] = useState<T | undefined>();
    const [error, setError] = useState<Problem | undefined>();
    const [loading, setLoading] = useState(false);
    const [version, setVersion] = useState(0);
    const reload = useCallback(() => setVersion((v) => v + 1), []);
    useEffect(() => {
      if (path === null) return;
      let cancelled = false;
      setLoading(true);
      apiGet<T>(path).then(
        (result) => {
          if (cancelled) return;
          setData(result);
          setError(undefined);
          setLoading(false);
        },
        (failure: unknown) => {
          if (cancelled) return;
          setError(problemOf(failure));
          setLoading(false);
        },
      );
      return () => {
        cancelled = true;
      };
    }, [path, version]);
    return { data, error, loading, reload };
  }

  return {
    session,
    headers,
    request,
    apiGet,
    apiPost,
    apiPut,
    useApi,
    setLanguage: (value: Language) => {
      language = value;
    },
    whenUnauthenticated: (handler: () => void) => {
      onUnauthenticated = handler;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A query string from the parameters that have a value. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
