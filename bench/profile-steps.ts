/**
 * Where a provisioning's time goes: runs the library for N projects and prints the mean
 * duration of each recorded step and of the run around them. `tsx --conditions=source bench/profile-steps.ts [N]`
 */
import { performance } from 'node:perf_hooks';
import { provisionProjectHandler } from '@org/worker';
import { benchDatabase } from './support/bench-database.js';
import { benchPayload, benchProjects, benchWorkerContext } from './support/bench-context.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

const n = Number(process.argv[2] ?? 30);
const database = await benchDatabase();
const ctx = await benchWorkerContext(database.url);
try {
  const projects = await benchProjects(ctx.db, n + 3);
  const totals: number[] = [];
  for (const [index, project] of projects.entries()) {
    const begin = performance.now();
    await provisionProjectHandler(benchPayload(project), ctx);
    if (index >= 3) totals.push(performance.now() - begin);
  }
  const rows = await ctx.db.client.sql<{ step: string; ms: number }[]>`
    select step, percentile_cont(0.5) within group (order by duration_ms) as ms
    from control_plane.provisioning_steps where project_id = any(${projects.slice(3).map((p) => p.id)}::uuid[])
    group by step order by min(started_at)`;
  const stepsTotal = rows.reduce((sum, row) => sum + Number(row.ms), 0);
  console.log(
    formatTable(
      ['part', 'p50 ms'],
      [
        ...rows.map((row) => [row.step, Number(row.ms)] as [string, number]),
        ['outside the steps', median(totals) - stepsTotal],
        ['whole run', median(totals)],
      ],
    ),
  );
} finally {
  await ctx.journal.close();
  await ctx.db.close();
  await database.stop();
}
