/**
 * `tsx --conditions=source bench/cpu-per-request.ts [seconds] [rounds]`: the CPU each server
 * process spends per request under the bench's load (16 connections), read from
 * `/proc/<pid>/stat` around each round, for the API, the `node:http` floor and, on `GET
 * /v1/projects/{id}`, a bare Fastify doing the same read (`support/fastify-floor-server.ts`),
 * in rotating order, one line per round. Throughput moves with whatever else the machine
 * runs; the CPU a request costs moves much less, so this is where a change to the API's
 * per-request work shows (or does not). Rounds go on while the processes warm up: the API's
 * cost keeps falling for its first minute of load, the floors' does not.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { findFreePort } from '@org/db/testing';
import { benchAdminToken } from './support/bench-admin-token.js';
import { benchWorkerContext } from './support/bench-context.js';
import { benchDatabase } from './support/bench-database.js';
import { apiProcessEnv } from './support/api-process-env.js';
import { httpLoad } from './support/http-load.js';
import { seedReadRoutes } from './support/read-routes.js';
import { startProcess } from './support/start-process.js';
import { stopProcess } from './support/stop-process.js';
import { formatTable } from './support/table.js';

const root = join(import.meta.dirname, '..');

/** The process's user and system CPU so far, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 6);
const database = await benchDatabase();
const sql = postgres(database.url, { max: 4, onnotice: () => {} });
const processes: ChildProcess[] = [];
try {
  const token = await benchAdminToken(sql);
  const ctx = await benchWorkerContext(database.url, 4);
  const routes = await seedReadRoutes(ctx.db);
  const env = apiProcessEnv(database.url);
  const start = async (name: string, script: string, args: string[], portVariable: string, probe: string) => {
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    const child = await startProcess(join(root, script), args, { ...env, [portVariable]: String(port) }, url + probe);
    processes.push(child);
    return { name, url, child };
  };
  const api = await start('API', 'apps/api/src/cli.ts', ['serve'], 'API_PORT', '/healthz');
  const floor = await start('node:http floor', 'bench/support/floor-api-server.ts', [], 'FLOOR_PORT', '/');
  const fastify = await start('bare Fastify', 'bench/support/fastify-floor-server.ts', [], 'FLOOR_PORT', '/');
  for (const route of routes) {
    const servers = route.name.startsWith('GET /v1/projects/') ? [api, floor, fastify] : [api, floor];
    // Each warmed alike before the first round counts.
    for (const server of servers) await httpLoad(server.url, { ...route, token }, 2);
    const rows: (string | number)[][] = [];
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(i + round) % servers.length]!;
        const before = cpuMs(server.child.pid!);
        const load = await httpLoad(server.url, { ...route, token }, seconds);
        const used = cpuMs(server.child.pid!) - before;
        rows.push([
          round + 1,
          server.name,
          Math.round(load.requests),
          Math.round((used * 1000) / load.total),
          load.errors,
        ]);
      }
    }
    console.log(route.name);
    console.log(formatTable(['round', 'server', 'requests/s', 'CPU µs/request', 'errors'], rows));
    console.log('');
  }
  await ctx.journal.close();
  await ctx.db.close();
} finally {
  for (const child of processes) await stopProcess(child);
  await sql.end();
  await database.stop();
}
