import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet, type Problem } from './api';

/** Loads a resource; reloads when the path changes. */
export function useApi<T>(path: string | null) {
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
        setError(
          failure instanceof ApiError
            ? failure.problem
            : { status: 0, code: 'network', title: String(failure) },
        );
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [path, version]);
  return { data, error, loading, reload };
}
