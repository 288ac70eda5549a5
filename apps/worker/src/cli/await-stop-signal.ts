/** The first SIGTERM or SIGINT, watched from the moment it is created. */
export interface StopSignal {
  /** Resolves with the first signal's name. */
  received: Promise<NodeJS.Signals>;
  /** Stops watching (the default handlers come back). */
  dispose(): void;
}

/**
 * Watches for SIGTERM and SIGINT from the first moment of a start, so that a signal during
 * start-up (a container stopped while it migrates) still ends in an orderly stop, and a
 * second signal while stopping does not kill the process half-way (which would orphan
 * the embedded server): it is reported through `onRepeat` and otherwise ignored.
 */
export function awaitStopSignal(onRepeat: (signal: NodeJS.Signals) => void): StopSignal {
  let resolve!: (signal: NodeJS.Signals) => void;
  const received = new Promise<NodeJS.Signals>((done) => (resolve = done));
  let first: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (first === undefined) {
      first = signal;
      resolve(signal);
    } else onRepeat(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return {
    received,
    dispose() {
      process.removeListener('SIGTERM', handler);
      process.removeListener('SIGINT', handler);
    },
  };
}
