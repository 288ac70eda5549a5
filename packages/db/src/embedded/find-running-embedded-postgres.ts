import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { ServerOwner } from './server-owner.js';

/** Where a client reaches the embedded server another process runs. */
export interface RunningEmbeddedPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  port: number;
}

/**
 * The embedded server that another process (a worker's `start`) runs on `dataDir`, found
 * from what that process recorded there: its port in `server.json`, the superuser password
 * beside it. So a second terminal's command reaches the server on whatever port it was
 * started, without being told. Throws `EmbeddedPostgresError` NOT_RUNNING, in one sentence
 * naming the data directory, when no live process runs one there. It does not connect.
 */
export function findRunningEmbeddedPostgres(dataDir: string): RunningEmbeddedPostgres {
  const dir = resolve(dataDir);
  const running = ServerOwner.running(dir);
  const passwordFile = join(dir, 'embedded-superuser-password');
  if (running === undefined || running.postmasterPid === undefined || !existsSync(passwordFile)) {
    const why =
      running === undefined
        ? `no running server is recorded in ${join(dir, 'server.json')}`
        : running.postmasterPid === undefined
          ? `the server of process ${running.ownerPid} is still starting`
          : `${passwordFile} is missing`;
    throw new EmbeddedPostgresError('NOT_RUNNING', `No embedded PostgreSQL is running for ${dir} (${why})`, {
      port: running?.port,
    });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/postgres`,
    port: running.port,
  };
}
