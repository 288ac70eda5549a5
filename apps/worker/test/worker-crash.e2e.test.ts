import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { testDatabaseUrl } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimProvisioningResult } from '../src/provisioning/result-store.js';
import type { ProvisioningQueue } from '../src/queue/provisioning-queue.js';
import { projectState } from './support/project-state.js';
import {
  FAST_QUEUE,
  newProject,
  payloadFor,
  startTestQueue,
  startTestWorker,
  waitForProject,
  type TestWorker,
} from './support/test-worker.js';

const cli = join(import.meta.dirname, '../src/cli.ts');
let worker: TestWorker;
let queue: ProvisioningQueue;

beforeAll(async () => {
  worker = await startTestWorker();
  queue = await startTestQueue();
});
afterAll(async () => {
  await queue.stop(5000);
  await worker.close();
});

/** Runs `provisioning-worker start` as a real child process against the test database. */
function spawnWorker(faults: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', cli, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      PROVISIONING_SECRET_KEY: worker.secretKey,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      JOB_RETRY_DELAY_SECONDS: String(FAST_QUEUE.retryDelaySeconds),
      JOB_HEARTBEAT_SECONDS: String(FAST_QUEUE.heartbeatSeconds),
      JOB_SUPERVISE_INTERVAL_SECONDS: String(FAST_QUEUE.superviseIntervalSeconds),
      QUEUE_POLL_INTERVAL_SECONDS: '0.5',
      STEP_RETRY_DELAY_SCALE: '0.001',
      SERVICES_CONFIG: JSON.stringify({ auth: { adapter: 'http', adminUrl: worker.authApi.url } }),
      WORKER_FAULTS: JSON.stringify(faults),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, output: () => output };
}

describe('a worker killed with SIGKILL in the middle of a step', () => {
  it('is recovered by another worker, and nothing is duplicated', { timeout: 120_000 }, async () => {
    const project = await newProject(worker);
    // The child dies right after creating the tenant database, before recording the step.
    const victim = spawnWorker({ 'database:created': 'kill' });
    await queue.send(payloadFor(project));
    expect(await victim.exited).toBe('SIGKILL');
    expect(victim.output()).toContain('provisioning started');
    const before = await projectState(worker.db, project.id);
    expect(before.databases).toBe(1);
    expect(before.attempts.map((a) => a.status)).toEqual(['running']);

    // A healthy worker takes the job over once the dead one's heartbeat has expired.
    await queue.work(worker.ctx);
    expect((await waitForProject(worker, project.id, ['provisioned'], 90_000)).provisioningStatus).toBe('provisioned');
    const after = await projectState(worker.db, project.id);
    expect(after).toMatchObject({
      databases: 1,
      roles: 1,
      activeKeys: 2,
      activeServices: ['auth', 'realtime', 'storage'],
    });
    expect(after.steps.find((s) => s.step === 'validate')?.attempts).toBe(1);
    expect(after.steps.find((s) => s.step === 'database')?.attempts).toBe(2);
    expect(after.attempts.map((a) => a.status)).toEqual(['running', 'succeeded']);
    const result = await claimProvisioningResult(project.id, worker.db);
    expect(result?.api_keys).toHaveLength(2);
  });

  it('SIGTERM lets the worker finish and exit cleanly', { timeout: 60_000 }, async () => {
    const graceful = spawnWorker({});
    for (let i = 0; i < 200 && !graceful.output().includes('worker started'); i++)
      await new Promise((r) => setTimeout(r, 100));
    graceful.child.kill('SIGTERM');
    expect(await graceful.exited).toBe(0);
    expect(graceful.output()).toContain('"msg":"stopped"');
  });
});
