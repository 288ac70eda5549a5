import { afterEach, describe, expect, it } from 'vitest';
import { awaitStopSignal, type StopSignal } from './await-stop-signal.js';

// process.emit calls the listeners as a real signal would, without signalling the process.
const emit = (signal: NodeJS.Signals) => process.emit(signal, signal);

describe('awaitStopSignal', () => {
  let watch: StopSignal | undefined;
  afterEach(() => watch?.dispose());

  it('resolves with the first signal; a second, other one is reported, the same one at once is not', async () => {
    const repeats: NodeJS.Signals[] = [];
    watch = awaitStopSignal((signal) => repeats.push(signal));
    emit('SIGINT');
    expect(await watch.received).toBe('SIGINT');
    emit('SIGINT'); // npm's forwarded copy of the same Ctrl-C
    emit('SIGTERM');
    expect(repeats).toEqual(['SIGTERM']);
  });

  it('stops watching once disposed: the default handlers come back', () => {
    const before = process.listenerCount('SIGHUP');
    watch = awaitStopSignal(() => undefined);
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    watch.dispose();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
