/**
 * Placement's cost against the number of tenants: the statement that picks a region's
 * least-loaded cluster, with 100 and with 100,000 recorded databases, in a database of its
 * own on the bench server. The per-cluster counters (control_plane.cluster_load) against
 * the count over every record that placement ran before. Besides the time, the blocks each
 * statement reads (EXPLAIN ANALYZE's buffers): a round trip of a tenth of a millisecond
 * swings more from run to run than the statement costs, the block count does not.
 */
import { performance } from 'node:perf_hooks';
import { migrate } from '@org/db';
import postgres, { type Sql } from 'postgres';
import { benchScratchDatabase } from './support/bench-database.js';
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
const measure = async (sql: Sql, n: number) => ({
  counters: await time(() => counters(sql), n),
  countAll: await time(() => countAll(sql), n),
  countersBlocks: await blocks(sql, COUNTERS, [CLUSTERS]),
  countAllBlocks: await blocks(sql, COUNT_ALL),
});

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
  // cluster_load at once; provisionings one by one leave one at a time, which page pruning
  // clears. Vacuum gives the steady state.
  await sql`vacuum analyze control_plane.project_resources, control_plane.cluster_load`;
}

async function time(run: () => Promise<unknown>, n: number): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const begin = performance.now();
    await run();
    samples.push(performance.now() - begin);
  }
  return summarize(samples).p50;
}

export async function benchPlacement(options: { url: string; n: number }) {
  const database = await benchScratchDatabase(options.url, 'bench_placement');
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await migrate(sql);
    await record(sql, 0, 100);
    const small = await measure(sql, options.n);
    await record(sql, 100, 100_000);
    const large = await measure(sql, options.n);
    const rows = [
      {
        case: 'placement: per-cluster counters (now)',
        small: small.counters,
        large: large.counters,
        smallBlocks: small.countersBlocks,
        largeBlocks: large.countersBlocks,
      },
      {
        case: 'placement: count of every record (before)',
        small: small.countAll,
        large: large.countAll,
        smallBlocks: small.countAllBlocks,
        largeBlocks: large.countAllBlocks,
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
    await sql.end();
    await database.drop();
  }
}
