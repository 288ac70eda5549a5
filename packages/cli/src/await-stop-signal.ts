/** The first SIGTERM, SIGINT or SIGHUP, watched from the moment it is created. */
export interface StopSignal {
  /** Resolves with the first signal's name. */
  received: Promise<NodeJS.Signals>;
  /** Stops watching (the default handlers come back). */
  dispose(): void;
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
/**
 * A Ctrl-C under `npm start` arrives twice: from the terminal to the whole foreground group,
 * and forwarded by npm. The same signal this soon after the first is that one Ctrl-C.
 */
const SAME_SIGNAL_MS = 1000;

/**
 * Watches for SIGTERM, SIGINT and SIGHUP (a closed terminal) from the first moment of a
 * start, so that a signal during start-up (a container stopped while it migrates) still
 * ends in an orderly stop, and a second signal while stopping does not kill the process
 * half-way (which would orphan the embedded server): it is reported through `onRepeat`
 * and otherwise ignored.
 */
export function awaitStopSignal(onRepeat: (signal: NodeJS.Signals) => void): StopSignal {
  let resolve!: (signal: NodeJS.Signals) => void;
  const received = new Promise<NodeJS.Signals>((done) => (resolve = done));
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (first === undefined) {
      first = { signal, at: Date.now() };
      resolve(signal);
    } else if (signal !== first.signal || Date.now() - first.at > SAME_SIGNAL_MS) onRepeat(signal);
  };
  for (const name of STOP_SIGNALS) process.on(name, handler);
  return {
    received,
    dispose() {
      for (const name of STOP_SIGNALS) process.removeListener(name, handler);
    },
  };
}
