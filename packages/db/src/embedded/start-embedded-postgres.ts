import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clearStalePostmaster } from './clear-stale-postmaster.js';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { findFreePort } from './find-free-port.js';
import { runInitdb } from './run-initdb.js';
import { serverLayout } from './server-layout.js';
import { ServerOwner } from './server-owner.js';
import { startPostmaster, type Postmaster } from './start-postmaster.js';

/** Where and how to run an embedded PostgreSQL. */
export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use, reused afterwards. */
  dataDir: string;
  /** TCP port; a free one is chosen when left out. */
  port?: number;
  /**
   * Keep fsync on (the default). Tests turn it off: their data is thrown away, and
   * skipping fsync makes CREATE DATABASE several times faster.
   */
  durable?: boolean;
  /** Receives the server's log output (a failed start is explained from it either way). */
  onLog?: (text: string) => void;
  /**
   * More server settings (`-c name=value`), after this package's own, so they win: a test
   * that needs prepared transactions, say (`max_prepared_transactions`).
   */
  settings?: Record<string, string | number>;
}

/** A running embedded server. */
export interface EmbeddedPostgresServer {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Where the cluster's files are: `dataDir/pgdata`, or elsewhere for root (see the README). */
  pgdata: string;
  /** The postmaster's pid. */
  pid: number;
  /** Superuser name and password (scram-sha-256 is enforced). */
  user: string;
  password: string;
  /** Stops the server and gives the data directory up; the data stays. */
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'embedded-superuser-password';

/** Connections of the embedded server (`max_connections`). */
export const EMBEDDED_MAX_CONNECTIONS = 300;
/** Of them, kept for the platform and the control plane: tenants cannot take these (`reserved_connections`). */
export const EMBEDDED_RESERVED_CONNECTIONS = 50;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, with scram-sha-256
 * authentication, for this process alone: a second start on the same data directory while
 * the first runs throws `EmbeddedPostgresError` ALREADY_RUNNING (the running server is
 * never signalled), and a server orphaned by a killed owner is stopped first. The
 * superuser password is generated once and kept in the data directory (mode 0600). Every
 * failure is an `EmbeddedPostgresError` with one sentence, and leaves no server running.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    // Only its owner lists it (root opens it to traversal in serverLayout).
    chmodSync(dataDir, 0o700);
  } catch (error) {
    throw new EmbeddedPostgresError('DATA_DIR_UNUSABLE', `Cannot create ${dataDir}: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  const port = options.port ?? (await findFreePort());
  const owner = ServerOwner.claim(dataDir, port);
  let postmaster: Postmaster | undefined;
  try {
    const layout = serverLayout(dataDir);
    await clearStalePostmaster(layout.pgdata);
    const passwordPath = join(dataDir, PASSWORD_FILE);
    let initialised = existsSync(join(layout.pgdata, 'PG_VERSION'));
    if (!existsSync(passwordPath)) {
      if (initialised && !layout.relocated) {
        throw new EmbeddedPostgresError(
          'DATA_DIR_UNUSABLE',
          `${passwordPath} is missing, so the cluster in ${layout.pgdata} cannot be reached: restore the file, or delete ${dataDir} to start over.`,
        );
      }
      // A relocated cluster whose data directory was deleted belongs to that deleted past.
      initialised = false;
      writeFileSync(passwordPath, randomBytes(18).toString('base64url'), { mode: 0o600 });
    }
    const password = readFileSync(passwordPath, 'utf8').trim();
    if (!initialised) await runInitdb(layout, password);

    postmaster = await startPostmaster(layout, {
      port,
      flags: [
        '-c',
        `max_connections=${EMBEDDED_MAX_CONNECTIONS}`,
        // Slots no tenant can take (PostgreSQL 16+): tenants may hold 20 connections each,
        // and 13 of them would otherwise fill the server. The platform role may use these
        // (pg_use_reserved_connections), and so may the superuser the control plane's own
        // pools log in as here, with superuser_reserved_connections' 3 besides.
        '-c',
        `reserved_connections=${EMBEDDED_RESERVED_CONNECTIONS}`,
        ...(options.durable === false
          ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
          : []),
        ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      onLog: options.onLog ?? (() => {}),
    });
    owner.serverStarted(postmaster.pid);
    const running = postmaster;
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      pgdata: layout.pgdata,
      pid: running.pid,
      user: 'postgres',
      password,
      async stop() {
        await running.stop();
        owner.release();
      },
    };
  } catch (error) {
    await postmaster?.stop();
    owner.release();
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      'DATA_DIR_UNUSABLE',
      `The embedded PostgreSQL could not use ${dataDir}: ${(error as Error).message}.`,
      { cause: error, port },
    );
  }
}
