import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/api-client';

/** The state of one request the page shows. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  readonly loading: boolean;
  reload(): Promise<void>;
}

/** Runs `load` now (unless `enabled` is false) and on reload; ignores answers that arrive late. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: enabled,
  });
  const generation = useRef(0);
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const data = await run();
      if (mine === generation.current) setState({ data, error: undefined, loading: false });
    } catch (e) {
      if (mine === generation.current) setState((s) => ({ ...s, error: errorText(e), loading: false }));
    }
  }, [run]);
  useEffect(() => {
    if (enabled) void reload();
    else setState({ data: undefined, error: undefined, loading: false });
  }, [enabled, reload]);
  return { ...state, reload };
}
