import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { waitFor } from '@org/db/testing';

/** The API's CLI, run from source as its own tests run it. */
export const API_CLI = join(import.meta.dirname, '../../../api/src/cli.ts');

/** A `control-plane-api serve` child process. */
export interface SpawnedApi {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the signal (e.g. 'SIGKILL') or exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
  /** Where it serves, from its `api started` line. */
  url: string;
}

/** Runs `control-plane-api serve` with `env` and resolves once it logged `api started`. */
export async function spawnApi(env: Record<string, string>): Promise<SpawnedApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', API_CLI, 'serve'], {
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const spawned = { child, exited, output: () => output };
  try {
    const seen = await waitFor(
      () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`the API exited before it was ready:\n${output}`);
        return output;
      },
      {
        until: (text) => text.includes('"msg":"api started"'),
        what: 'the API to log "api started"',
        timeoutMs: 60_000,
      },
    );
    const started = seen.split('\n').find((line) => line.includes('"msg":"api started"'))!;
    return { ...spawned, url: /"url":"([^"]+)"/.exec(started)![1]! };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
