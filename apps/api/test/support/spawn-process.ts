import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { waitFor, type NetworkNamespace } from '@org/db/testing';

const apiCli = join(import.meta.dirname, '../../src/cli.ts');
// The worker's CLI with its test-only fault injection (WORKER_FAULTS), from the worker's tests.
const workerDir = dirname(createRequire(import.meta.url).resolve('@org/worker/package.json'));
const faultWorkerCli = join(workerDir, 'test/support/fault-worker.ts');

/** A control-plane process started for a test: the API (`start`: worker and API; `serve`) or a worker. */
export interface SpawnedProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the signal (e.g. 'SIGKILL') or exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
  /** The API's URL, once it logged `api started` (API processes only). */
  url: string;
  /** SIGTERM, then the exit. */
  stop(): Promise<NodeJS.Signals | number | null>;
}

/** Where a process runs: here, or inside a network namespace (a partition suite's). */
export interface SpawnOptions {
  within?: Pick<NetworkNamespace, 'spawn'>;
}

function launch(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyLine: string,
  options: SpawnOptions = {},
) {
  const argv = ['--import', 'tsx', '--conditions=source', script, ...args];
  const environment = { ...process.env, ...env };
  const child =
    options.within === undefined
      ? spawn(process.execPath, argv, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] })
      : options.within.spawn(process.execPath, argv, environment);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const spawned: SpawnedProcess = {
    child,
    exited,
    output: () => output,
    url: '',
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const ready = (async () => {
    await waitFor(
      () => {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`${script} exited before it was ready:\n${output}`);
        return output;
      },
      {
        until: (seen) => seen.includes(readyLine),
        what: `${script} to log "${readyLine}"`,
        timeoutMs: 60_000,
        intervalMs: 50,
      },
    );
    const line = output.split('\n').find((candidate) => candidate.includes(readyLine)) ?? '';
    spawned.url = /"url":"([^"]+)"/.exec(line)?.[1] ?? '';
    return spawned;
  })();
  return ready;
}

/**
 * `control-plane-api start` (a worker and the API in one process) or `serve` (the API alone),
 * with `args` (`--demo`); `within` a network namespace when `options` name one.
 */
export function spawnApi(
  command: 'start' | 'serve',
  env: Record<string, string>,
  args: string[] = [],
  options: SpawnOptions = {},
): Promise<SpawnedProcess> {
  return launch(apiCli, [command, ...args], env, '"msg":"api started"', options);
}

/** A worker (`provisioning-worker start`), with `faults` at named checkpoints (`{ "suspend:database:before": "kill" }`). */
export function spawnWorker(env: Record<string, string>, faults: Record<string, string> = {}): Promise<SpawnedProcess> {
  return launch(faultWorkerCli, ['start'], { ...env, WORKER_FAULTS: JSON.stringify(faults) }, '"msg":"worker started"');
}
