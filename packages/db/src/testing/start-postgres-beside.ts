import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../embedded/start-embedded-postgres.js';
import type { NetworkNamespace } from './network-namespace.js';

/** A PostgreSQL on this side of a namespace's link, for a partition suite. */
export interface PostgresBeside {
  /** Superuser URL over loopback: this side's clients, never cut off. */
  url: string;
  /** The same over the link (the near address): for processes inside the namespace, cut off with it. */
  linkUrl: string;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL (fsync off, in a temp dir of its own) that listens on
 * loopback and on `namespace`'s near address, and lets in the namespace's far address: its
 * own pg_hba, since the package's only admits loopback.
 */
export async function startPostgresBeside(namespace: NetworkNamespace): Promise<PostgresBeside> {
  const scratch = mkdtempSync(join(tmpdir(), 'partition-'));
  try {
    // Root runs the server as another user (see the package README), who must read the hba file.
    chmodSync(scratch, 0o755);
    const hba = join(scratch, 'pg_hba.conf');
    writeFileSync(
      hba,
      `host all all 127.0.0.1/32 scram-sha-256\nhost all all ${namespace.farAddress}/32 scram-sha-256\n`,
      { mode: 0o644 },
    );
    const server = await startEmbeddedPostgres({
      dataDir: join(scratch, 'pg'),
      durable: false,
      settings: { listen_addresses: `127.0.0.1,${namespace.nearAddress}`, hba_file: hba },
    });
    const link = new URL(server.url);
    link.hostname = namespace.nearAddress;
    return {
      url: server.url,
      linkUrl: link.toString(),
      async stop() {
        await server.stop();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
