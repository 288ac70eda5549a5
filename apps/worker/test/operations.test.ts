import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDbContext } from '@org/db';
import { testDatabaseUrl } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerQueueGauges } from '../src/observability/queue-gauges.js';
import { readConnections } from '../src/observability/read-connections.js';
import {
  READY_CHECK_TIMEOUT_MS,
  startHttpServer,
  type OperationsServer,
} from '../src/observability/start-http-server.js';
import { PROVISIONING_STEPS } from '../src/provisioning/provisioning-steps.js';
import { useTestWorker } from './support/use-test-worker.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../src/cli.ts');
// Its queue takes no jobs: these tests read its depth, and the operations port reads it.
const worker = useTestWorker({ work: false });
let server: OperationsServer;

beforeAll(async () => {
  registerQueueGauges(worker.ctx.metrics!, {
    depth: () => worker.queue.depth(),
    connections: () => readConnections(worker.db.client.sql, 'test-worker'),
  });
  server = await startHttpServer(worker.ctx, { port: 0, host: '127.0.0.1', queue: worker.queue });
});
afterAll(() => server.close());

describe('operations port', () => {
  it('serves /healthz, /readyz and /metrics', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      database: { ok: true },
      services: { auth: { ok: true } },
    });
    worker.ctx.metrics!.jobsStarted.inc();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('provisioning_jobs_started_total 1');
    expect(metrics).toContain('provisioning_step_duration_seconds');
  });

  it('answers a method it does not take with 405 and Allow, not 200', async () => {
    const answer = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('has every step, the queue depth, jobs in flight and pool usage from the start', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    for (const step of PROVISIONING_STEPS) {
      expect(metrics).toContain(`provisioning_step_retries_total{step="${step}"} 0`);
      expect(metrics).toContain(`provisioning_step_duration_seconds_count{step="${step}"} 0`);
    }
    for (const state of ['ready', 'deferred', 'retry', 'active']) {
      expect(metrics).toMatch(new RegExp(`provisioning_queue_jobs\\{state="${state}"\\} \\d+`));
    }
    expect(metrics).toMatch(/provisioning_dead_letter_jobs \d+/);
    expect(metrics).toContain('provisioning_jobs_in_flight 0');
    expect(metrics).toMatch(/provisioning_db_connections\{pool="control-plane",state="(active|idle)"\} [1-9]/);
  });

  it('/readyz answers 503 in bounded time when a pool is wedged, naming it', async () => {
    // A control-plane pool whose two connections are both stuck in long queries.
    const wedged = createDbContext({ databaseUrl: testDatabaseUrl(), secretKey: Buffer.alloc(32), poolSize: 2 });
    const stuck = [1, 2].map(() => wedged.client.sql`select pg_sleep(20)`.catch(() => undefined));
    const wedgedServer = await startHttpServer(
      { ...worker.ctx, db: wedged },
      { port: 0, host: '127.0.0.1', queue: worker.queue },
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const ready = await fetch(`http://127.0.0.1:${wedgedServer.port}/readyz`, {
        signal: AbortSignal.timeout(10_000),
      });
      expect(Date.now() - started).toBeLessThan(8000);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        status: 'not ready',
        failing: ['database'],
        database: { ok: false, detail: `no answer within ${READY_CHECK_TIMEOUT_MS} ms` },
        journal: { ok: true },
        queue: { ok: true },
      });
    } finally {
      await wedgedServer.close();
      await worker.db.client.sql`
        select pg_cancel_backend(pid) from pg_stat_activity
        where query = 'select pg_sleep(20)' and pid <> pg_backend_pid()`;
      await wedged.close().catch(() => undefined);
      await Promise.all(stuck);
    }
  });

  it('/readyz says 503 when a service is down', async () => {
    worker.authApi.always('GET /health', { status: 500 });
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not ready',
      services: { auth: { ok: false, detail: 'HTTP 500' } },
    });
    worker.authApi.always('GET /health', undefined);
  });
});

describe('CLI', () => {
  const node = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', '--conditions=source', cli, ...args], {
      env: { ...process.env, ...env },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);

  it('has --help for every command', async () => {
    const top = await node(['--help']);
    for (const command of ['start', 'migrate', 'provision', 'status', 'deprovision']) {
      expect(top.stdout).toContain(command);
      const help = await node([command, '--help']);
      expect(help.stdout).toContain(`Usage: provisioning-worker ${command}`);
    }
  });

  it('stops at start with one clear line per bad variable', async () => {
    const result = (await node(['status', '00000000-0000-0000-0000-000000000000'], {
      HTTP_PORT: 'x',
      JOB_ATTEMPTS: '0',
    })) as {
      code: number;
      stderr: string;
    };
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HTTP_PORT: must be a number');
    expect(result.stderr).toContain('JOB_ATTEMPTS: must be between 1 and 10');
  });
});
