/**
 * `tsx --conditions=source bench/cpu-per-request.ts [seconds] [rounds]`: the CPU each server
 * process spends per request under the bench's load (16 connections), read from
 * `/proc/<pid>/stat` around each round, for the API, the `node:http` floor and, on `GET
 * /v1/projects/{id}`, a bare Fastify doing the same read (`support/fastify-floor-server.ts`),
 * in rotating order, one line per round; and beside it what the same requests cost the two
 * other processes that share the machine's cores: this one (autocannon, parsing each
 * answer) and PostgreSQL (its server processes). Throughput is bounded by the three
 * together, so a server cheaper in its own CPU can still be slower if its answers cost
 * the load generator or the database more. For the API, the columns after those are its
 * collector's: minor and major collection time per second of the round (a lower bound), and
 * its old generation after it (from its `/metrics`). Throughput moves with whatever else the machine
 * runs; the CPU a request costs moves much less, so this is where a change to the API's
 * per-request work shows (or does not). Rounds go on while the processes warm up: the API's
 * cost keeps falling for its first minute of load, the floors' does not.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
import { readNodeGc, type NodeGc } from './support/read-node-gc.js';
import { readStatFields, TICKS_PER_SECOND } from './support/process-stat.js';
import { formatTable } from './support/table.js';

const root = join(import.meta.dirname, '..');

/** A process's command name, or undefined once it is gone. */
function commOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The process's user and system CPU so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readStatFields(pid)!;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * PostgreSQL's CPU so far, in ms: the postmaster's and its children's (backends, background
 * workers), each with what it reaped of its own children. A child that exits between the
 * postmaster's reading and the scan of /proc is missed (an autovacuum worker, now and then).
 */
function postgresCpuMs(postmaster: number): number {
  const spent = (fields: string[]) => fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0);
  let ticks = spent(readStatFields(postmaster)!);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = readStatFields(entry);
    if (fields !== undefined && Number(fields[1]) === postmaster) ticks += spent(fields);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** This process's CPU so far, in ms: the load generator's (and, a little, this bench's own reading of /proc). */
function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The API's collection time per second between two readings `spanMs` apart (a lower bound:
 * see `readNodeGc`) and its old generation after them; NaN for a floor (no /metrics).
 */
function gcColumns(before: NodeGc | undefined, after: NodeGc | undefined, spanMs: number): number[] {
  if (before === undefined || after === undefined) return [Number.NaN, Number.NaN, Number.NaN];
  return [
    Math.round(((after.minorSeconds - before.minorSeconds) * 1_000_000) / spanMs),
    Math.round(((after.majorSeconds - before.majorSeconds) * 1_000_000) / spanMs),
    Math.round(after.oldSpaceBytes / 2 ** 20),
  ];
}

const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 6);
const database = await benchDatabase();
const sql = postgres(database.url, { max: 4, onnotice: () => {} });
const processes: ChildProcess[] = [];
try {
  const token = await benchAdminToken(sql);
  // PostgreSQL's processes, when it runs on this machine (the embedded server does).
  const [session] = await sql<{ backend: number }[]>`select pg_backend_pid() as backend`;
  const backend = commOf(session!.backend) === 'postgres' ? readStatFields(session!.backend) : undefined;
  const postmaster = backend === undefined ? undefined : Number(backend[1]);
  const postgresMs = () => (postmaster === undefined ? Number.NaN : postgresCpuMs(postmaster));
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
        // The collector's readings are taken outside the CPU's, so reading /metrics costs no request.
        const gcBefore = server === api ? await readNodeGc(`${api.url}/metrics`) : undefined;
        const startedAt = performance.now();
        const before = [cpuMs(server.child.pid!), selfCpuMs(), postgresMs()];
        const load = await httpLoad(server.url, { ...route, token }, seconds);
        const after = [cpuMs(server.child.pid!), selfCpuMs(), postgresMs()];
        const gcAfter = server === api ? await readNodeGc(`${api.url}/metrics`) : undefined;
        const perRequest = after.map((ms, i) => Math.round(((ms - before[i]!) * 1000) / load.total));
        const gc = gcColumns(gcBefore, gcAfter, performance.now() - startedAt);
        // PostgreSQL's is NaN, printed '-', for a server elsewhere; so are the floors' GC columns.
        rows.push([round + 1, server.name, Math.round(load.requests), ...perRequest, ...gc, load.errors]);
      }
    }
    console.log(route.name);
    console.log(
      formatTable(
        [
          'round',
          'server',
          'requests/s',
          'server CPU µs/request',
          'autocannon',
          'PostgreSQL',
          'minor GC ms/s',
          'major GC ms/s',
          'old space MB',
          'errors',
        ],
        rows,
      ),
    );
    console.log('');
  }
  await ctx.journal.close();
  await ctx.db.close();
} finally {
  for (const child of processes) await stopProcess(child);
  await sql.end();
  await database.stop();
}
