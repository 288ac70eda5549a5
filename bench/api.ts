/**
 * bench/api: the HTTP API against its floor, a bare node:http server answering the same
 * queries (bench/support/floor-api-server.ts), each a process of its own on this machine,
 * loaded over loopback by autocannon in this process: requests/s and latency of
 * `GET /v1/projects/{id}`, `POST /v1/api-keys/verify` and `POST /v1/projects` (to its 202),
 * in adjacent pairs of short rounds (the ratio is the median of the pairs'). Then, with a
 * worker process and a warm pool, create-to-succeeded through the API against the queue's
 * enqueue-to-done, one at a time, in turns.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { readTenantPool, type DbContext } from '@org/db';
import { findFreePort } from '@org/db/testing';
import { ProvisioningQueue } from '@org/worker';
import { benchAdminToken } from './support/bench-admin-token.js';
import { benchPayload, benchProjects, benchWorkerContext } from './support/bench-context.js';
import { benchScratchDatabase } from './support/bench-database.js';
import { httpLoad, type HttpLoad } from './support/http-load.js';
import { startProcess } from './support/start-process.js';
import { seedReadRoutes, type NamedLoadCase } from './support/read-routes.js';
import { median, summarize } from './support/stats.js';
import { stopProcess } from './support/stop-process.js';
import { formatTable } from './support/table.js';
import { apiProcessEnv } from './support/api-process-env.js';

export interface ApiBenchOptions {
  url: string;
  quick: boolean;
}

const root = join(import.meta.dirname, '..');
const API_CLI = join(root, 'apps/api/src/cli.ts');
const WORKER_CLI = join(root, 'apps/worker/src/cli.ts');
const FLOOR = join(import.meta.dirname, 'support/floor-api-server.ts');

export async function benchApi(options: ApiBenchOptions) {
  // Many short rounds in adjacent pairs: the machine's speed drifts by tens of percent within
  // minutes (the floor alone moved 6,311-9,253 requests/s in one hour), and a pair of rounds
  // seconds apart shares its drift, where two medians of a few long rounds do not.
  const seconds = options.quick ? 2 : 4;
  const pairs = options.quick ? 5 : 8;
  const warmSeconds = options.quick ? 3 : 6;
  const rows: Record<string, string | number>[] = [];
  const database = await benchScratchDatabase(options.url, 'bench_api');
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  const processes: ChildProcess[] = [];
  try {
    const token = await benchAdminToken(sql);
    const ctx = await benchWorkerContext(database.url, 4);
    const readRoutes = await seedReadRoutes(ctx.db);
    const env = apiProcessEnv(database.url);
    const apiPort = await findFreePort();
    const floorPort = await findFreePort();
    const api = `http://127.0.0.1:${apiPort}`;
    const floor = `http://127.0.0.1:${floorPort}`;
    processes.push(await startProcess(API_CLI, ['serve'], { ...env, API_PORT: String(apiPort) }, `${api}/healthz`));
    processes.push(
      await startProcess(FLOOR, [], { ...env, FLOOR_PORT: String(floorPort), FLOOR_POOL_SIZE: '10' }, `${floor}/`),
    );

    const cases: NamedLoadCase[] = [
      ...readRoutes,
      {
        name: 'POST /v1/projects (to 202)',
        method: 'POST',
        path: () => '/v1/projects',
        body: (i: number) =>
          JSON.stringify({ name: `load ${i}`, region: 'us-east-1', organization_id: 'bench-load', owner_id: 'bench' }),
      },
    ];
    const ratios: number[] = [];
    for (const benchCase of cases) {
      // Warm both (connections, JIT, token cache), then alternate floor and API. The API's
      // cost per request keeps falling for its first seconds of load (more code to optimize).
      await httpLoad(floor, benchCase, warmSeconds);
      await httpLoad(api, { ...benchCase, token }, warmSeconds);
      const floorRounds: HttpLoad[] = [];
      const apiRounds: HttpLoad[] = [];
      for (let pair = 0; pair < pairs; pair++) {
        const order = pair % 2 === 0 ? ['floor', 'api'] : ['api', 'floor'];
        for (const which of order) {
          if (which === 'floor') floorRounds.push(await httpLoad(floor, benchCase, seconds));
          else apiRounds.push(await httpLoad(api, { ...benchCase, token }, seconds));
        }
      }
      // Each pair's ratio, then their median: what the pairs' shared drift cancels.
      const pairRatios = apiRounds.map((round, pair) => round.requests / floorRounds[pair]!.requests);
      const summary = (name: string, measured: HttpLoad[], ratio: number, spread: string) => {
        rows.push({
          case: name,
          'requests/s': median(measured.map((m) => m.requests)),
          p50: median(measured.map((m) => m.p50)),
          p99: median(measured.map((m) => m.p99)),
          errors: measured.reduce((sum, m) => sum + m.errors, 0),
          ratio,
          spread,
        });
      };
      const ratio = median(pairRatios);
      ratios.push(ratio);
      const spread = `${Math.min(...pairRatios).toFixed(2)}-${Math.max(...pairRatios).toFixed(2)}`;
      summary(`floor: node:http, ${benchCase.name}`, floorRounds, 1, '');
      summary(`API: ${benchCase.name}`, apiRounds, ratio, spread);
    }
    const throughputTable = formatTable(
      [
        'case (16 connections)',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'throughput vs floor (median pair)',
        'pairs',
      ],
      rows.map((row) => [
        row['case']!,
        row['requests/s']!,
        row['p50']!,
        row['p99']!,
        row['errors']!,
        row['ratio']!,
        row['spread']!,
      ]),
    );
    for (const child of processes.splice(0)) await stopProcess(child);
    await ctx.journal.close();
    await ctx.db.close();

    const latency = await createToSucceeded(options, env);
    return {
      table: `${throughputTable}\n\n${latency.table}`,
      result: { throughput: rows, createToSucceeded: latency.rows, throughputRatios: ratios },
    };
  } finally {
    for (const child of processes) await stopProcess(child);
    await sql.end();
    await database.drop();
  }
}

/**
 * With a worker process keeping a warm pool of 3: a project created through the API, from
 * the moment its POST is sent to the moment its operation succeeded, against a project
 * sent straight to the queue, from its send to its provisioning, one at a time and in
 * turns, each starting with a full pool. Both ends are timestamps of this machine's clock
 * (the client's, then the server's settlement), so polling does not count.
 */
async function createToSucceeded(options: ApiBenchOptions, env: Record<string, string>) {
  const n = options.quick ? 6 : 20;
  const database = await benchScratchDatabase(options.url, 'bench_api_latency');
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  const children: ChildProcess[] = [];
  const ctx = await benchWorkerContext(database.url, 4);
  const queue = new ProvisioningQueue(database.url, {}, { supervise: false });
  try {
    const token = await benchAdminToken(sql);
    const local = { ...env, DATABASE_URL: database.url, TENANT_POOL_SIZE: '3' };
    const apiPort = await findFreePort();
    const api = `http://127.0.0.1:${apiPort}`;
    const workerPort = await findFreePort();
    children.push(
      await startProcess(
        WORKER_CLI,
        ['start'],
        { ...local, HTTP_PORT: String(workerPort) },
        `http://127.0.0.1:${workerPort}/healthz`,
      ),
    );
    children.push(await startProcess(API_CLI, ['serve'], { ...local, API_PORT: String(apiPort) }, `${api}/healthz`));
    await queue.start();
    const viaApi: number[] = [];
    const viaQueue: number[] = [];
    const projects = await benchProjects(ctx.db, n);
    for (let i = 0; i < n; i++) {
      await waitPoolFull(ctx.db, 3);
      const sentAt = Date.now();
      const response = await fetch(`${api}/v1/projects`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          name: `latency ${i}`,
          region: 'us-east-1',
          organization_id: 'bench',
          owner_id: 'bench',
        }),
      });
      const { operation } = (await response.json()) as { operation: { id: string } };
      viaApi.push((await finishedAt(sql, 'operations', operation.id)) - sentAt);

      await waitPoolFull(ctx.db, 3);
      const queuedAt = Date.now();
      await queue.send(benchPayload(projects[i]!), 'bench');
      viaQueue.push((await finishedAt(sql, 'projects', projects[i]!.id)) - queuedAt);
    }
    const apiSummary = summarize(viaApi);
    const queueSummary = summarize(viaQueue);
    const table = formatTable(
      ['one at a time, warm pool', 'n', 'p50 ms', 'p95 ms', 'max ms', 'vs queue'],
      [
        ['queue: send to provisioned', queueSummary.count, queueSummary.p50, queueSummary.p95, queueSummary.max, 1],
        [
          'API: POST /v1/projects to operation succeeded',
          apiSummary.count,
          apiSummary.p50,
          apiSummary.p95,
          apiSummary.max,
          apiSummary.p50 / queueSummary.p50,
        ],
      ],
    );
    return { table, rows: { api: apiSummary, queue: queueSummary, ratio: apiSummary.p50 / queueSummary.p50 } };
  } finally {
    await queue.stop(5000);
    for (const child of children) await stopProcess(child);
    await ctx.journal.close();
    await ctx.db.close();
    await sql.end();
    await database.drop();
  }
}

async function waitPoolFull(db: DbContext, size: number): Promise<void> {
  while (((await readTenantPool(db)).find((pool) => pool.cluster === 'default')?.ready ?? 0) < size) await sleep(10);
}

/** When a provisioning ended, on the server's clock (epoch ms): the operation's finish, or the project's provisioning. */
async function finishedAt(sql: postgres.Sql, table: 'operations' | 'projects', id: string): Promise<number> {
  for (;;) {
    const [row] =
      table === 'operations'
        ? await sql<{ at: Date | null; status: string }[]>`
            select finished_at as at, status from control_plane.operations where id = ${id}`
        : await sql<{ at: Date | null; status: string }[]>`
            select provisioned_at as at, provisioning_status as status from control_plane.projects where id = ${id}`;
    if (row?.status === 'failed') throw new Error(`bench provisioning ${id} failed`);
    if (row?.at !== null && row?.at !== undefined) return new Date(row.at).getTime();
    await sleep(5);
  }
}
