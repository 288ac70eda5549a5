import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import type { ServerLayout } from './server-layout.js';

const PASSWORD_FILE_PREFIX = '.initdb-password-';

/**
 * Creates the cluster in `layout.pgdata` with scram-sha-256 and `password` for the
 * superuser `postgres`. initdb reads the password from a file: it is written beside pgdata
 * (never to the system temp directory), mode 0600, owned by the server account, and
 * removed whatever happens; one left by a killed start is removed by the next.
 */
export async function runInitdb(layout: ServerLayout, password: string): Promise<void> {
  const parent = dirname(layout.pgdata);
  for (const name of readdirSync(parent)) {
    if (name.startsWith(PASSWORD_FILE_PREFIX)) rmSync(join(parent, name), { force: true });
  }
  // A start killed during initdb leaves a partial cluster, which never held data.
  if (existsSync(layout.pgdata)) rmSync(layout.pgdata, { recursive: true, force: true });
  mkdirSync(layout.pgdata, { mode: 0o700 });
  const passwordFile = join(parent, `${PASSWORD_FILE_PREFIX}${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (layout.account) {
      chownSync(layout.pgdata, layout.account.uid, layout.account.gid);
      chownSync(passwordFile, layout.account.uid, layout.account.gid);
    }
    const output = await run(
      join(layout.nativeDir, 'bin', 'initdb'),
      [
        `--pgdata=${layout.pgdata}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-instructions',
      ],
      layout,
    );
    if (output.code !== 0) {
      throw new EmbeddedPostgresError(
        'SERVER_FAILED',
        `initdb failed (exit ${output.code}) for ${layout.pgdata}: ${lastLines(output.text, 5)}`,
      );
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function run(command: string, args: string[], layout: ServerLayout): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(layout.account ? { uid: layout.account.uid, gid: layout.account.gid } : {}),
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new EmbeddedPostgresError(
          'DATA_DIR_UNUSABLE',
          `Could not run ${command}: ${error.message}${layout.account ? ` (as user ${layout.account.name})` : ''}.`,
          { cause: error },
        ),
      ),
    );
    child.once('close', (code) => resolve({ code, text }));
  });
}

/** The last `count` non-empty lines of a process's output, on one line. */
export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' / ');
}
