import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { waitFor } from '@org/db/testing';

// The CLI with test-only fault injection, and the shipped one (which reads no faults).
const faultCli = join(import.meta.dirname, 'fault-worker.ts');
const shippedCli = join(import.meta.dirname, '../../src/cli.ts');

/** A `provisioning-worker start` child process. */
export interface SpawnedWorker {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Resolves with the signal (e.g. 'SIGKILL') or exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  output(): string;
  /** Resolves once the worker logged that it is consuming jobs. */
  ready(timeoutMs?: number): Promise<void>;
}

export interface SpawnWorkerOptions {
  databaseUrl: string;
  secretKey: string;
  authAdminUrl: string;
  faults?: Record<string, string>;
  env?: Record<string, string>;
  /** Run the shipped CLI instead of the fault-injecting harness. */
  shipped?: boolean;
  /** Run it inside this network namespace (`ip netns exec`; root only). */
  namespace?: string;
}

const startedLine = '"msg":"worker started"';

/** Runs the worker CLI (with `faults` injected) as a child process against a test database, with fast queue settings. */
export function spawnWorker(options: SpawnWorkerOptions): SpawnedWorker {
  const args = ['--import', 'tsx', '--conditions=source', options.shipped ? shippedCli : faultCli, 'start'];
  const child = spawn(
    options.namespace === undefined ? process.execPath : 'ip',
    options.namespace === undefined ? args : ['netns', 'exec', options.namespace, process.execPath, ...args],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PROVISIONING_SECRET_KEY: options.secretKey,
        HTTP_PORT: '0',
        LOG_LEVEL: 'info',
        JOB_RETRY_DELAY_SECONDS: '1',
        JOB_HEARTBEAT_SECONDS: '10',
        JOB_SUPERVISE_INTERVAL_SECONDS: '1',
        QUEUE_POLL_INTERVAL_SECONDS: '0.5',
        STEP_RETRY_DELAY_SCALE: '0.001',
        SERVICES_CONFIG: JSON.stringify({ auth: { adapter: 'http', adminUrl: options.authAdminUrl } }),
        WORKER_FAULTS: JSON.stringify(options.faults ?? {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return {
    child,
    exited,
    output: () => output,
    async ready(timeoutMs = 30_000) {
      await waitFor(
        () => {
          // A worker told to die at a checkpoint may resume a job left by an earlier victim and
          // die there within one poll of logging "worker started": that worker was ready.
          if (output.includes(startedLine)) return output;
          if (child.exitCode !== null || child.signalCode !== null)
            throw new Error(`worker exited before it was ready:\n${output}`);
          return output;
        },
        {
          until: (text) => text.includes(startedLine),
          what: 'the worker to log "worker started"',
          timeoutMs,
          intervalMs: 50,
        },
      );
    },
  };
}
