import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { lastLines } from './run-initdb.js';
import type { ServerLayout } from './server-layout.js';

/** A postmaster this process started. */
export interface Postmaster {
  pid: number;
  /** Fast shutdown; resolves when the process has exited (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const READY = 'database system is ready to accept connections';

/**
 * Runs `postgres` on `layout.pgdata` until it accepts connections. The server gets its own
 * process group: a Ctrl-C in the terminal reaches the worker alone, which drains its jobs
 * and then stops the server, instead of the server dying under running jobs. TCP on
 * loopback only; no Unix socket, so nothing is written to the system temp directory.
 */
export function startPostmaster(
  layout: ServerLayout,
  options: { port: number; flags: string[]; onLog: (line: string) => void },
): Promise<Postmaster> {
  const { port } = options;
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      join(layout.nativeDir, 'bin', 'postgres'),
      [
        '-D',
        layout.pgdata,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        ...options.flags,
      ],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
        ...(layout.account ? { uid: layout.account.uid, gid: layout.account.gid } : {}),
      },
    );
    let output = '';
    let ready = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async (graceMs = 15_000): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      options.onLog(text);
      if (ready) return;
      output = (output + text).slice(-20_000);
      if (output.includes(READY)) {
        ready = true;
        resolve({ pid: child.pid!, stop });
      }
    });
    child.once('error', (error) =>
      reject(new EmbeddedPostgresError('SERVER_FAILED', `Could not run the embedded PostgreSQL: ${error.message}.`)),
    );
    child.once('exit', (code, signal) => {
      if (ready) return;
      if (/could not bind .* Address already in use/.test(output)) {
        reject(
          new EmbeddedPostgresError('PORT_IN_USE', `Port ${port} is already in use by another program.`, { port }),
        );
        return;
      }
      reject(
        new EmbeddedPostgresError(
          'SERVER_FAILED',
          `The embedded PostgreSQL exited while starting (${signal ?? `exit ${code}`}): ${lastLines(output, 3)}`,
          { port },
        ),
      );
    });
  });
}
