/**
 * Placement's cost against the number of tenants: the statement that picks a region's
 * least-loaded cluster, with 100 and with 100,000 recorded databases, each in a database of
 * its own on the bench server. The per-cluster counters (control_plane.cluster_load) against
 * the count over every record that placement ran before. The two sizes are timed in turns
 * (100 then 100,000, 100,000 then 100, ...), after a checkpoint has written the load out, so
 * that the server's drift over the run hits both alike: timed one size after the other, a
 * round trip of a few tenths of a millisecond moved more between the two windows than the
 * statement costs. Besides the time, the blocks each statement reads (EXPLAIN ANALYZE's
 * buffers), which do not drift at all.
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '@org/db';
import postgres, { type Sql } from 'postgres';
import { benchScratchDatabase } from './support/bench-database.js';
import { checkpoint } from './support/checkpoint.js';
import { summarize } from './support/stats.js';
import { formatTable } from './support/table.js';

const CLUSTERS = ['cluster-a', 'cluster-b'];

const COUNTERS = 'select cluster, databases from control_plane.cluster_load where cluster = any($1)';
const COUNT_ALL = `select metadata->>'cluster' as cluster, count(*)::int as count from control_plane.project_resources
  where resource_type = 'databases' group by 1`;
const counters = (sql: Sql) => sql.unsafe(COUNTERS, [CLUSTERS]);
const countAll = (sql: Sql) => sql.unsafe(COUNT_ALL);

/** Shared buffers the statement's execution touched (hit or read), its plan's whole tree. */
async function blocks(sql: Sql, statement: string, parameters: postgres.ParameterOrJSON<never>[] = []) {
  const [row] = await sql.unsafe<{ 'QUERY PLAN': { Plan: Record<string, number> }[] }[]>(
    `explain (analyze, buffers, format json) ${statement}`,
    parameters,
  );
  const plan = row!['QUERY PLAN'][0]!.Plan;
  return (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
}

async function record(sql: Sql, from: number, to: number): Promise<void> {
  await sql`
    with p as (
      insert into control_plane.projects (id, name, region, owner_id, organization_id)
      select gen_random_uuid(), 'bench ' || i, 'us-west-2', 'bench', 'bench' from generate_series(${from}::int, ${to - 1}::int) i
      returning id)
    insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
    select id, 'databases', 'tenant_' || replace(id::text, '-', '_'),
           jsonb_build_object('cluster', case when random() < 0.5 then 'cluster-a' else 'cluster-b' end, 'status', 'ready')
    from p`;
  // Loaded in one transaction, the trigger left every counter update's old row version in
  // cluster_load at once (hundreds of pages, its two live rows at the end, which a plain
  // vacuum cannot truncate); provisionings one by one leave one at a time, which page
  // pruning clears, and the table stays one page. VACUUM FULL gives that steady state.
  await sql`vacuum full control_plane.cluster_load`;
  await sql`vacuum analyze control_plane.project_resources, control_plane.cluster_load`;
}

/**
 * p50 of each of two statements, timed in turns after 20 rounds of warm-up: a round runs
 * both, the first in even rounds and the second in odd ones, so neither always follows the
 * other. A sample is `batch` runs sent at once (pipelined on the one connection), divided
 * by `batch`: for a statement that costs less than a round trip's jitter, the batch shares
 * one round trip and measures the statement.
 */
async function timeInTurns(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  n: number,
  batch = 1,
): Promise<[number, number]> {
  for (let i = 0; i < 20; i++) await Promise.all([a(), b()]);
  const samples: [number[], number[]] = [[], []];
  const time = async (run: () => Promise<unknown>, into: number[]) => {
    const begin = performance.now();
    await Promise.all(Array.from({ length: batch }, run));
    into.push((performance.now() - begin) / batch);
  };
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      await time(a, samples[0]);
      await time(b, samples[1]);
    } else {
      await time(b, samples[1]);
      await time(a, samples[0]);
    }
  }
  return [summarize(samples[0]).p50, summarize(samples[1]).p50];
}

export async function benchPlacement(options: { url: string; n: number }) {
  const databases = [
    await benchScratchDatabase(options.url, 'bench_placement_100'),
    await benchScratchDatabase(options.url, 'bench_placement_100000'),
  ];
  const connect = () =>
    databases.map((database) => postgres(database.url, { max: 1, onnotice: () => {} })) as [Sql, Sql];
  let [small, large] = connect();
  try {
    await migrate(small);
    await migrate(large);
    await record(small, 0, 100);
    await record(large, 0, 100_000);
    // The load's dirty pages are written now, not by the checkpointer while the timings run.
    await checkpoint(large);
    // Timed on new connections, alike for both sizes: the loaders' backends did very different work.
    await Promise.all([small.end(), large.end()]);
    [small, large] = connect();
    const [counters100, counters100k] = await timeInTurns(
      () => counters(small),
      () => counters(large),
      options.n,
      50,
    );
    const [countAll100, countAll100k] = await timeInTurns(
      () => countAll(small),
      () => countAll(large),
      options.n,
    );
    const rows = [
      {
        case: 'placement: per-cluster counters (now)',
        small: counters100,
        large: counters100k,
        smallBlocks: await blocks(small, COUNTERS, [CLUSTERS]),
        largeBlocks: await blocks(large, COUNTERS, [CLUSTERS]),
      },
      {
        case: 'placement: count of every record (before)',
        small: countAll100,
        large: countAll100k,
        smallBlocks: await blocks(small, COUNT_ALL),
        largeBlocks: await blocks(large, COUNT_ALL),
      },
    ].map((row) => ({ ...row, ratio: row.large / row.small }));
    const table = formatTable(
      [
        'placement',
        'p50 ms, 100 databases',
        'p50 ms, 100,000 databases',
        '100,000 / 100',
        'blocks, 100',
        'blocks, 100,000',
      ],
      rows.map((row) => [row.case, row.small, row.large, row.ratio, row.smallBlocks, row.largeBlocks]),
    );
    return { rows, table };
  } finally {
    await small.end();
    await large.end();
    for (const database of databases) await database.drop();
  }
}
