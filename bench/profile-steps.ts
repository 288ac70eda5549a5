/**
 * Where a provisioning's time goes: runs the library for N projects and prints the median
 * time of each part of a run, cut at the runner's checkpoints (the lock and the run's start,
 * each step of the table, the settlement). `tsx --conditions=source bench/profile-steps.ts [N] [--pool]`;
 * with `--pool`, each project's database is claimed from a warm pool refilled between runs.
 */
import { performance } from 'node:perf_hooks';
import { refillTenantPool } from '@org/db';
import { PROVISIONING_STEPS, provisionProjectHandler } from '@org/worker';
import { benchDatabase } from './support/bench-database.js';
import { benchPayload, benchProjects, benchWorkerContext } from './support/bench-context.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

const n = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 30);
const pooled = process.argv.includes('--pool');
const database = await benchDatabase();
const ctx = await benchWorkerContext(database.url);
const marks = new Map<string, number>();
ctx.onCheckpoint = (checkpoint) => void marks.set(checkpoint, performance.now());
const parts: [string, string, string][] = [
  ['lock and start', 'start', 'run:begun'],
  ...PROVISIONING_STEPS.map((step): [string, string, string] => [step, `${step}:before`, `${step}:after`]),
  ['settle', `${PROVISIONING_STEPS.at(-1)}:after`, 'run:settled'],
  ['whole run', 'start', 'end'],
];
const samples = new Map<string, number[]>(parts.map(([name]) => [name, []]));
try {
  const projects = await benchProjects(ctx.db, n + 3);
  if (pooled) ctx.pool = { size: 1, requestRefill: () => {} };
  for (const [index, project] of projects.entries()) {
    if (pooled) await refillTenantPool('default', 1, ctx.db);
    marks.clear();
    marks.set('start', performance.now());
    const result = await provisionProjectHandler(benchPayload(project), ctx);
    marks.set('end', performance.now());
    if (!result.success) throw new Error(`provisioning failed: ${result.error.code}`);
    if (index < 3) continue; // warm-up
    for (const [name, from, to] of parts) samples.get(name)!.push(marks.get(to)! - marks.get(from)!);
  }
  console.log(
    formatTable(
      ['part', 'p50 ms'],
      parts.map(([name]) => [name, median(samples.get(name)!)]),
    ),
  );
} finally {
  await ctx.journal.close();
  await ctx.db.close();
  await database.stop();
}
