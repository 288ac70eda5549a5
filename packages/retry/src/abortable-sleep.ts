/**
 * Waits `ms`, or rejects at once with the signal's reason when it aborts. The timer is
 * cleared on abort, so an aborted wait never keeps the process alive.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  // The rejection is the signal's own reason, whatever its caller chose it to be.
  /* eslint-disable @typescript-eslint/prefer-promise-reject-errors */
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  /* eslint-enable @typescript-eslint/prefer-promise-reject-errors */
}

/** The reason an aborted signal carries (a DOMException AbortError when none was given). */
export function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
