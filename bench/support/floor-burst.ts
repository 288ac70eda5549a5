import type { DbContext } from '@org/db';
import type { Sql } from 'postgres';
import { benchProjects } from './bench-context.js';
import { checkpoint } from './checkpoint.js';
import { floorProvision } from './floor-provision.js';
import { runConcurrently } from './run-concurrently.js';

/**
 * The floor's burst: `n` fresh projects provisioned with the bare SQL, `concurrency` at a
 * time. The queue cases run one before and one after their own burst and compare with the
 * mean: on this shared disk the floor's throughput moved by 2.7x between runs (12 to 32
 * projects/s), and a drift between two windows was those ratios' largest error. Each burst,
 * the floor's and the queue's, starts after a {@link checkpoint}.
 */
export async function floorBurst(
  sql: Sql,
  url: string,
  db: DbContext,
  n: number,
  concurrency: number,
): Promise<{ throughput: number; latencies: number[] }> {
  const projects = await benchProjects(db, n);
  await checkpoint(sql);
  const run = await runConcurrently(n, concurrency, (i) => floorProvision(sql, url, projects[i]!.id));
  return { throughput: n / (run.elapsedMs / 1000), latencies: run.latencies };
}
