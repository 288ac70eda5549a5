import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type OperationsServer } from '../src/observability/start-http-server.js';
import { startTestWorker, type TestWorker } from './support/test-worker.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../src/cli.ts');
let worker: TestWorker;
let server: OperationsServer;

beforeAll(async () => {
  worker = await startTestWorker();
  server = await startHttpServer(worker.ctx, 0, '127.0.0.1');
});
afterAll(async () => {
  await server.close();
  await worker.close();
});

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
