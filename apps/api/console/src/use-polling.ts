import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** What {@link usePolling} holds: the last answer, the last failure, and when it was read. */
export interface Polled<Value> {
  value: Value | undefined;
  error: string | undefined;
  updatedAt: number | undefined;
  /** Reads again now (after an action, say). */
  refresh(): void;
}

/**
 * Reads `load` now and every `intervalMs` while the tab is visible, so a page follows what
 * happens without a reload. One read at a time; a read started for older `deps` is dropped.
 */
export function usePolling<Value>(load: () => Promise<Value>, intervalMs: number, deps: unknown[]): Polled<Value> {
  const [state, setState] = useState<Omit<Polled<Value>, 'refresh'>>({
    value: undefined,
    error: undefined,
    updatedAt: undefined,
  });
  const generation = useRef(0);
  const busy = useRef(false);
  // A refresh asked for while a read is out: read once more when it is back.
  const again = useRef(false);
  // The caller's deps decide when `load` changes (it closes over them).
  const read = useCallback(load, deps);

  const tick = useCallback(async () => {
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    const mine = generation.current;
    try {
      do {
        again.current = false;
        try {
          const value = await read();
          if (mine === generation.current) setState({ value, error: undefined, updatedAt: Date.now() });
        } catch (error) {
          if (mine === generation.current)
            setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) }));
        }
      } while (again.current && mine === generation.current);
    } finally {
      busy.current = false;
    }
  }, [read]);

  useEffect(() => {
    generation.current++;
    busy.current = false;
    setState({ value: undefined, error: undefined, updatedAt: undefined });
    void tick();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void tick();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [tick, intervalMs]);

  return { ...state, refresh: () => void tick() };
}
