/**
 * bench/soak: whether throughput holds over time, each period against the first of its own
 * run (the floor of a soak is where it started). First postgres.js alone, in this process:
 * 16 loops of a one-row select on a pool of 10, queries and CPU per query per 15 s window
 * (the loop of porsager/postgres#747). Then the API as an operator runs it, an API process and a worker
 * process of their own, for `minutes`: autocannon on `GET /v1/projects/{id}` and `POST
 * /v1/api-keys/verify` side by side (8 connections each), and at the start of every minute a
 * burst of provisionings through `POST /v1/projects`, run by the worker while the reads go
 * on. Per minute: requests/s of each route, the API process's CPU per request and memory,
 * and how long the burst took. The verdict: the last period's throughput within 0.9x of the
 * first's. Beside it, the last period's CPU per query or request against the first's: other
 * work on a shared machine takes throughput away in any minute, while a client that decays
 * spends more CPU on each query.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { findFreePort } from '@org/db/testing';
import { benchAdminToken } from './support/bench-admin-token.js';
import { benchWorkerContext } from './support/bench-context.js';
import { benchScratchDatabase } from './support/bench-database.js';
import { httpLoad, type HttpLoad } from './support/http-load.js';
import { readProcessStat } from './support/process-stat.js';
import { seedReadRoutes } from './support/read-routes.js';
import { startProcess } from './support/start-process.js';
import { stopProcess } from './support/stop-process.js';
import { formatTable } from './support/table.js';
import { apiProcessEnv } from './support/api-process-env.js';

export interface SoakBenchOptions {
  url: string;
  /** Minutes of load on the API. */
  minutes: number;
  /** 15 s windows of the client alone. */
  clientWindows: number;
  /** Provisionings sent at the start of every minute. */
  burst: number;
}

/** The verdict's bound: the last period at least this share of the first. */
const HOLDS = 0.9;
const WINDOW_MS = 15_000;

const root = join(import.meta.dirname, '..');
const API_CLI = join(root, 'apps/api/src/cli.ts');
const WORKER_CLI = join(root, 'apps/worker/src/cli.ts');

interface ClientWindow {
  window: number;
  /** Queries in the window, scaled to exactly 15 s (a timer fires late on a busy loop). */
  queries: number;
  /**
   * This process's CPU time per query. Other work on the machine takes throughput away
   * without making a query dearer; a client that decays spends more per query.
   */
  cpuMicros: number;
}

/** 16 loops of a one-row select on a pool of 10, counted per 15 s window. */
async function clientSoak(url: string, windows: number): Promise<ClientWindow[]> {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  let count = 0;
  let running = true;
  try {
    await sql`select 1 as x`;
    const loops = Array.from({ length: 16 }, async () => {
      while (running) {
        await sql`select 1 as x`;
        count++;
      }
    });
    const measured: ClientWindow[] = [];
    for (let window = 1; window <= windows; window++) {
      const [before, startedAt, cpuBefore] = [count, performance.now(), process.cpuUsage()];
      await sleep(WINDOW_MS);
      const cpu = process.cpuUsage(cpuBefore);
      const queries = count - before;
      measured.push({
        window,
        queries: (queries * WINDOW_MS) / (performance.now() - startedAt),
        cpuMicros: (cpu.user + cpu.system) / queries,
      });
    }
    running = false;
    await Promise.all(loops);
    return measured;
  } finally {
    await sql.end();
  }
}

interface SoakMinute {
  minute: number;
  get: HttpLoad;
  verify: HttpLoad;
  /**
   * CPU time of the API process per request answered in the minute (both routes and the
   * burst's): what a decaying client raises, where the machine's other load mostly takes
   * throughput.
   */
  apiCpuMicros: number;
  apiRssMb: number;
  provisioned: number;
  /** From the burst's first operation created to its last finished, on the server's clock. */
  burstSeconds: number;
}

/**
 * `n` projects created through the API at once, then awaited until their operations are
 * finished; throws when one did not succeed.
 */
async function provisioningBurst(sql: postgres.Sql, api: string, token: string, n: number, minute: number) {
  const operations = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const response = await fetch(`${api}/v1/projects`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          name: `soak ${minute}.${i}`,
          region: 'us-east-1',
          organization_id: 'bench-soak',
          owner_id: 'bench',
        }),
      });
      if (response.status !== 202) throw new Error(`POST /v1/projects answered ${response.status}`);
      return ((await response.json()) as { operation: { id: string } }).operation.id;
    }),
  );
  for (;;) {
    const [row] = await sql<{ done: number; failed: number; seconds: number | null }[]>`
      select count(*) filter (where status = 'succeeded')::int as done,
             count(*) filter (where status in ('failed', 'cancelled'))::int as failed,
             extract(epoch from max(finished_at) - min(created_at))::float8 as seconds
      from control_plane.operations where id = any(${operations}::uuid[])`;
    if (row!.failed > 0) throw new Error('a soak provisioning failed');
    if (row!.done === n) return { provisioned: n, seconds: row!.seconds ?? Number.NaN };
    await sleep(100);
  }
}

async function apiSoak(options: SoakBenchOptions): Promise<SoakMinute[]> {
  const database = await benchScratchDatabase(options.url, 'bench_soak');
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  const ctx = await benchWorkerContext(database.url, 4);
  const processes: ChildProcess[] = [];
  try {
    const token = await benchAdminToken(sql);
    const [get, verify] = (await seedReadRoutes(ctx.db)).map((route) => ({ ...route, token }));
    const env = { ...apiProcessEnv(database.url), TENANT_POOL_SIZE: '3' };
    const apiPort = await findFreePort();
    const workerPort = await findFreePort();
    const api = `http://127.0.0.1:${apiPort}`;
    processes.push(
      await startProcess(
        WORKER_CLI,
        ['start'],
        { ...env, HTTP_PORT: String(workerPort) },
        `http://127.0.0.1:${workerPort}/healthz`,
      ),
    );
    const apiProcess = await startProcess(API_CLI, ['serve'], { ...env, API_PORT: String(apiPort) }, `${api}/healthz`);
    processes.push(apiProcess);

    // Warm-up, not counted: connections, JIT, the token's cache.
    await Promise.all([httpLoad(api, get!, 10, 8), httpLoad(api, verify!, 10, 8)]);
    const minutes: SoakMinute[] = [];
    for (let minute = 1; minute <= options.minutes; minute++) {
      const before = readProcessStat(apiProcess.pid!)!;
      const [getLoad, verifyLoad, burst] = await Promise.all([
        httpLoad(api, get!, 60, 8),
        httpLoad(api, verify!, 60, 8),
        provisioningBurst(sql, api, token, options.burst, minute),
      ]);
      const after = readProcessStat(apiProcess.pid!)!;
      const answered = getLoad.total + verifyLoad.total + options.burst;
      minutes.push({
        minute,
        get: getLoad,
        verify: verifyLoad,
        apiCpuMicros: ((after.cpuSeconds - before.cpuSeconds) * 1e6) / answered,
        apiRssMb: after.rssMb,
        provisioned: burst.provisioned,
        burstSeconds: burst.seconds,
      });
      console.log(
        `  soak minute ${minute}/${options.minutes}: GET ${getLoad.requests.toFixed(0)}/s, ` +
          `verify ${verifyLoad.requests.toFixed(0)}/s, burst of ${options.burst} in ${burst.seconds.toFixed(1)} s`,
      );
    }
    return minutes;
  } finally {
    for (const child of processes) await stopProcess(child);
    await ctx.journal.close();
    await ctx.db.close();
    await sql.end();
    await database.drop();
  }
}

function verdict(ratio: number, cpuRatio: number, per: 'query' | 'request'): string {
  return (
    `${ratio.toFixed(2)}x the first's throughput: ${ratio >= HOLDS ? 'holds' : 'decays'} (goal >= ${HOLDS}x); ` +
    `CPU per ${per} ${cpuRatio.toFixed(2)}x the first's`
  );
}

export async function benchSoak(options: SoakBenchOptions) {
  const client = await clientSoak(options.url, options.clientWindows);
  const minutes = await apiSoak(options);

  const firstClient = client[0]!;
  const clientRatio = client.at(-1)!.queries / firstClient.queries;
  const clientCpuRatio = client.at(-1)!.cpuMicros / firstClient.cpuMicros;
  const first = minutes[0]!;
  const last = minutes.at(-1)!;
  const ratios = {
    get: last.get.requests / first.get.requests,
    verify: last.verify.requests / first.verify.requests,
    apiCpu: last.apiCpuMicros / first.apiCpuMicros,
  };
  const clientTable = formatTable(
    ['postgres.js alone: 16 loops, pool of 10', 'queries per 15 s', 'vs first window', 'CPU µs/query', 'vs first'],
    client.map((row) => [
      `window ${row.window}`,
      row.queries,
      row.queries / firstClient.queries,
      row.cpuMicros,
      row.cpuMicros / firstClient.cpuMicros,
    ]),
  );
  const apiTable = formatTable(
    [
      'minute',
      'GET /v1/projects/{id} req/s',
      'vs first',
      'POST /v1/api-keys/verify req/s',
      'vs first',
      'p99 ms (GET, verify)',
      'errors',
      'API CPU µs/request',
      'vs first',
      'API RSS MB',
      `burst of ${options.burst}, s`,
    ],
    minutes.map((row) => [
      row.minute,
      row.get.requests,
      row.get.requests / first.get.requests,
      row.verify.requests,
      row.verify.requests / first.verify.requests,
      `${row.get.p99}, ${row.verify.p99}`,
      row.get.errors + row.verify.errors,
      row.apiCpuMicros,
      row.apiCpuMicros / first.apiCpuMicros,
      row.apiRssMb,
      row.burstSeconds,
    ]),
  );
  const table = [
    clientTable,
    `postgres.js alone, last window: ${verdict(clientRatio, clientCpuRatio, 'query')}`,
    apiTable,
    `API, last minute: GET ${verdict(ratios.get, ratios.apiCpu, 'request')}; verify ${ratios.verify.toFixed(2)}x the first's ` +
      `throughput: ${ratios.verify >= HOLDS ? 'holds' : 'decays'}`,
  ].join('\n\n');
  return {
    table,
    result: {
      client: { windows: client, ratio: clientRatio, cpuRatio: clientCpuRatio },
      api: {
        minutes: minutes.map((row) => ({
          ...row,
          get: { requests: row.get.requests, p50: row.get.p50, p99: row.get.p99, errors: row.get.errors },
          verify: {
            requests: row.verify.requests,
            p50: row.verify.p50,
            p99: row.verify.p99,
            errors: row.verify.errors,
          },
        })),
        ratios,
      },
    },
  };
}
