/**
 * `tsx --conditions=source bench/profile-api-reads.ts [seconds]`: a CPU profile of the API
 * process under the bench's load on each of its hot reads (`GET /v1/projects/{id}`,
 * `POST /v1/api-keys/verify`), one API process per route started with `--cpu-prof`, and
 * the functions that took the most of its CPU by self time, printed as a table per route.
 * What bench/api measures the ratio of, taken apart: where a request's CPU goes. With
 * `PROFILE_KEEP_DIR` set, each route's profile is kept there (`<route>.cpuprofile`, for
 * Chrome's DevTools or speedscope).
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
const API_CLI = join(root, 'apps/api/src/cli.ts');
/** The functions listed per route. */
const TOP = 15;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time per function (name, file and line), as shares of the profile's samples from
 * `skipMs` into it on (the process's start, its modules loading, are not what is measured).
 */
function selfTimes(profile: CpuProfile, skipMs: number): { top: { name: string; share: number }[]; busyMs: number } {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const micros = new Map<string, number>();
  let total = 0;
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < skipMs * 1000) return;
    const frame = frameOf.get(id)!;
    const file = frame.url === '' ? '' : relative(root, frame.url.replace(/^file:\/\//, ''));
    const name =
      `${frame.functionName || '(anonymous)'} ${file}${file === '' ? '' : `:${frame.lineNumber + 1}`}`.trim();
    micros.set(name, (micros.get(name) ?? 0) + delta);
    total += delta;
  });
  const top = [...micros].map(([name, time]) => ({ name, share: time / total })).sort((a, b) => b.share - a.share);
  return { top, busyMs: (total - (micros.get('(idle)') ?? 0)) / 1000 };
}

/**
 * The parts a request's CPU is told apart by: a sample counts for the first part any frame
 * of its stack belongs to, in this order (a log line's write is the log line's, a query's
 * encoding postgres.js's).
 */
const PARTS: { name: string; has: (frame: CallFrame, leaf: boolean) => boolean }[] = [
  { name: 'answer serialization', has: (f) => f.functionName === 'serialize' && f.url.includes('fastify/lib/reply') },
  { name: 'log lines (pino)', has: (f) => f.url.includes('/pino/') || f.url.includes('create-logger') },
  { name: 'metrics (prom-client)', has: (f) => f.url.includes('/prom-client/') },
  {
    name: 'socket writes (native)',
    has: (f, leaf) => leaf && /^write(v|Buffer|String|Utf8String|Latin1String)$/.test(f.functionName),
  },
  { name: 'request validation (zod)', has: (f) => f.url.includes('/zod/') },
  { name: 'postgres.js', has: (f) => f.url.includes('/postgres/src/') },
  { name: 'Fastify', has: (f) => /\/(fastify|find-my-way|avvio|secure-json-parse|@fastify)\//.test(f.url) },
  { name: 'the API and packages', has: (f) => f.url.includes('/apps/') || f.url.includes('/packages/') },
  { name: 'node internals', has: (f) => f.url.startsWith('node:') },
  { name: 'GC', has: (f) => f.functionName === '(garbage collector)' },
  { name: 'idle', has: (f) => f.functionName === '(idle)' },
];

/** µs of the process's time per request, by part, over the samples from `skipMs` on. */
function partsPerRequest(profile: CpuProfile, skipMs: number, requests: number): [string, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const micros = new Map<string, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < skipMs * 1000) return;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!.callFrame);
    const part =
      PARTS.find((candidate) => stack.some((frame, depth) => candidate.has(frame, depth === 0)))?.name ?? 'other';
    micros.set(part, (micros.get(part) ?? 0) + delta);
  });
  return [...PARTS.map((part) => part.name), 'other'].map((name) => [name, (micros.get(name) ?? 0) / requests]);
}

const seconds = Number(process.argv[2] ?? 10);
const database = await benchDatabase();
const sql = postgres(database.url, { max: 4, onnotice: () => {} });
const processes: ChildProcess[] = [];
try {
  const token = await benchAdminToken(sql);
  const ctx = await benchWorkerContext(database.url, 4);
  const routes = await seedReadRoutes(ctx.db);
  for (const route of routes) {
    const dir = mkdtempSync(join(tmpdir(), 'api-profile-'));
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    const spawnedAt = Date.now();
    const api = await startProcess(
      API_CLI,
      ['serve'],
      {
        ...apiProcessEnv(database.url),
        API_PORT: String(port),
        NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}`,
      },
      `${url}/healthz`,
    );
    processes.push(api);
    // Warm (connections, JIT, token cache) before the round the profile is mostly made of.
    await httpLoad(url, { ...route, token }, 2);
    const measuredFrom = Date.now() - spawnedAt;
    const load = await httpLoad(url, { ...route, token }, seconds);
    await stopProcess(api);
    processes.splice(processes.indexOf(api), 1);
    // The API process's profile: the largest (tsx's own loader process writes a small one).
    const files = readdirSync(dir).map((name) => join(dir, name));
    const [largest] = files
      .map((file) => ({ file, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile }))
      .sort((a, b) => b.profile.samples.length - a.profile.samples.length);
    const { file, profile } = largest!;
    const keep = process.env['PROFILE_KEEP_DIR'];
    if (keep !== undefined) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(file, join(keep, `${route.name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`));
    }
    rmSync(dir, { recursive: true, force: true });
    const { top, busyMs } = selfTimes(profile, measuredFrom);
    console.log(
      `${route.name}: ${Math.round(load.requests)} requests/s under the profiler, ${load.errors} errors, ` +
        `about ${Math.round((busyMs * 1000) / load.total)} µs of the API process's CPU per request`,
    );
    console.log(
      formatTable(
        ['function (self time)', 'share'],
        top.slice(0, TOP).map(({ name, share }) => [name, `${(share * 100).toFixed(1)} %`]),
      ),
    );
    console.log(
      formatTable(
        ['part (by stack)', 'µs per request'],
        partsPerRequest(profile, measuredFrom, load.total).map(([name, micros]) => [name, micros.toFixed(1)]),
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
