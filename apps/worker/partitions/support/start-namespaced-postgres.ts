import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@org/db/testing';
import type { NetworkNamespace } from '@org/db/testing';

/** An embedded PostgreSQL running inside a network namespace, reached from here over its link only. */
export interface NamespacedPostgres {
  /** Superuser URL of the `postgres` database, at the namespace's far address. */
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL to it and its postmaster after 15 s). */
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL inside `namespace`, its data in `scratch` (which must be
 * open to the server's account), listening on the far address only and letting in only
 * the near one: every client in this namespace reaches it over the link, so `cut()`
 * separates it from all of them.
 */
export async function startNamespacedPostgres(
  namespace: NetworkNamespace,
  scratch: string,
): Promise<NamespacedPostgres> {
  chmodSync(scratch, 0o755);
  const hba = join(scratch, 'pg_hba.conf');
  writeFileSync(hba, `host all all ${namespace.nearAddress}/32 scram-sha-256\n`, { mode: 0o644 });
  const child = namespace.spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'serve-postgres.ts')],
    { ...process.env, DATA_DIR: join(scratch, 'pg'), LISTEN_ADDRESS: namespace.farAddress, HBA_FILE: hba },
  );
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let postmaster: number | undefined;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => {
      // A server that would not stop must not outlive the test (the namespace's removal leaves it running).
      child.kill('SIGKILL');
      try {
        if (postmaster !== undefined) process.kill(postmaster, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const line = await waitFor(
      () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the namespaced PostgreSQL exited before it was ready:\n${output}`);
        return stdout;
      },
      { until: (text) => text.includes('\n'), what: 'the namespaced PostgreSQL to start', timeoutMs: 90_000 },
    );
    const started = JSON.parse(line.split('\n')[0]!) as { url: string; pid: number };
    postmaster = started.pid;
    const url = new URL(started.url);
    url.hostname = namespace.farAddress;
    return { url: url.toString(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
