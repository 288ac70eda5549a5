import { REGIONS, type Region } from '@org/db';
import type { SerializedError } from '@org/errors';
import { OVERVIEW_MINUTES, type Overview } from '../schemas/overview-schemas.js';
import { PROJECT_STATES, type ProjectState } from '../schemas/project-states.js';
import type { ApiContext } from '../server/api-context.js';
import { rootCause } from './root-cause.js';

/** Failed attempts read for `failures_by_code`: enough for a console, bounded for a bad day. */
const FAILURES_READ = 5000;

type Counts<Key extends string> = Record<Key, number>;

function zeros<Key extends string>(keys: readonly Key[]): Counts<Key> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Counts<Key>;
}

/**
 * The console's overview, read in a handful of statements over the packages' tables and the
 * queue's: projects by state and region, provisionings of the last half hour by minute and
 * how long they took, failures by code, and (for a token of every organization) the queue's
 * depth and each cluster's tenant databases and warm pool.
 */
export async function readOverview(ctx: ApiContext, organizationId: string | null): Promise<Overview> {
  const sql = ctx.db.client.sql;
  const org = organizationId;
  const [states, minutes, hour, failures, platform] = await Promise.all([
    sql<{ region: Region; state: ProjectState; n: number }[]>`
      select p.region, p.state, count(*)::int as n
      from control_plane.projects p
      where (${org}::text is null or p.organization_id = ${org})
      group by 1, 2`,
    sql<{ minute: Date; succeeded: number; failed: number }[]>`
      with ended as (
        select date_trunc('minute', o.finished_at) as minute, o.status
        from control_plane.operations o join control_plane.projects p on p.id = o.project_id
        where o.kind = 'provision' and o.status in ('succeeded', 'failed')
          and o.finished_at >= date_trunc('minute', now()) - make_interval(mins => ${OVERVIEW_MINUTES - 1})
          and (${org}::text is null or p.organization_id = ${org}))
      select m.minute,
             count(e.status) filter (where e.status = 'succeeded')::int as succeeded,
             count(e.status) filter (where e.status = 'failed')::int as failed
      from generate_series(date_trunc('minute', now()) - make_interval(mins => ${OVERVIEW_MINUTES - 1}),
                           date_trunc('minute', now()), interval '1 minute') m(minute)
      left join ended e on e.minute = m.minute
      group by m.minute order by m.minute`,
    sql<{ started: number; succeeded: number; failed: number; p50: number | null; p95: number | null }[]>`
      select count(*) filter (where o.created_at > now() - interval '1 hour')::int as started,
             count(*) filter (where o.status = 'succeeded' and o.finished_at > now() - interval '1 hour')::int as succeeded,
             count(*) filter (where o.status = 'failed' and o.finished_at > now() - interval '1 hour')::int as failed,
             percentile_cont(0.5) within group (order by extract(epoch from o.finished_at - o.created_at) * 1000)
               filter (where o.status = 'succeeded' and o.finished_at > now() - interval '1 hour') as p50,
             percentile_cont(0.95) within group (order by extract(epoch from o.finished_at - o.created_at) * 1000)
               filter (where o.status = 'succeeded' and o.finished_at > now() - interval '1 hour') as p95
      from control_plane.operations o join control_plane.projects p on p.id = o.project_id
      where o.kind = 'provision' and (o.created_at > now() - interval '1 hour' or o.finished_at > now() - interval '1 hour')
        and (${org}::text is null or p.organization_id = ${org})`,
    sql<{ error: (SerializedError & { step?: string }) | null }[]>`
      select a.error from control_plane.provisioning_attempts a join control_plane.projects p on p.id = a.project_id
      where a.kind = 'provision' and a.status = 'failed' and a.finished_at > now() - interval '24 hours'
        and (${org}::text is null or p.organization_id = ${org})
      order by a.finished_at desc limit ${FAILURES_READ}`,
    org === null ? readPlatform(ctx) : Promise.resolve(null),
  ]);

  const byStatus = zeros(PROJECT_STATES);
  const regions = new Map<Region, { total: number; by_status: Record<string, number> }>();
  for (const row of states) {
    byStatus[row.state] += row.n;
    const region = regions.get(row.region) ?? { total: 0, by_status: {} };
    region.total += row.n;
    region.by_status[row.state] = (region.by_status[row.state] ?? 0) + row.n;
    regions.set(row.region, region);
  }
  const codes = new Map<string, { code: string; root_code: string | null; step: string | null; attempts: number }>();
  for (const { error } of failures) {
    const code = error?.code ?? 'UNKNOWN';
    const root = error === null || error.cause === undefined ? null : rootCause(error).code;
    const step = error?.step ?? null;
    const key = `${code}\u0000${root}\u0000${step}`;
    const entry = codes.get(key) ?? { code, root_code: root, step, attempts: 0 };
    entry.attempts += 1;
    codes.set(key, entry);
  }
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  const last = hour[0]!;
  return {
    generated_at: new Date().toISOString(),
    scope: org ?? 'all',
    projects: {
      total: states.reduce((sum, row) => sum + row.n, 0),
      by_status: byStatus,
      by_region: REGIONS.filter((region) => regions.has(region)).map((region) => ({
        region,
        ...regions.get(region)!,
      })),
    },
    provisioning: {
      per_minute: minutes.map((row) => ({
        minute: new Date(row.minute).toISOString(),
        succeeded: row.succeeded,
        failed: row.failed,
      })),
      last_hour: { started: last.started, succeeded: last.succeeded, failed: last.failed },
      duration_ms: { p50: round(last.p50), p95: round(last.p95), samples: last.succeeded },
      failures_by_code: [...codes.values()].sort((a, b) => b.attempts - a.attempts),
    },
    queue: platform?.queue ?? null,
    clusters: platform?.clusters ?? null,
  };
}

/** What only a token of every organization sees: the queue and the clusters. */
async function readPlatform(ctx: ApiContext): Promise<Pick<Overview, 'queue' | 'clusters'>> {
  const sql = ctx.db.client.sql;
  const [depth, loads, pools] = await Promise.all([
    ctx.operations.depth(),
    sql<{ cluster: string; databases: number }[]>`select cluster, databases from control_plane.cluster_load`,
    sql<{ cluster: string; state: 'ready' | 'building' | 'claimed'; n: number }[]>`
      select cluster, state, count(*)::int as n from control_plane.tenant_pool group by 1, 2`,
  ]);
  const regionsOf = new Map<string, Region[]>();
  for (const [region, clusters] of Object.entries(ctx.db.clusters.config) as [Region, { name: string }[]][]) {
    for (const cluster of clusters) regionsOf.set(cluster.name, [...(regionsOf.get(cluster.name) ?? []), region]);
  }
  return {
    queue: {
      ready: depth.states.ready ?? 0,
      deferred: depth.states.deferred ?? 0,
      retry: depth.states.retry ?? 0,
      active: depth.states.active ?? 0,
      dead_letter: depth.deadLetters,
    },
    clusters: [...regionsOf].map(([name, regions]) => ({
      name,
      regions,
      tenant_databases: loads.find((load) => load.cluster === name)?.databases ?? 0,
      pool: {
        ready: pools.find((pool) => pool.cluster === name && pool.state === 'ready')?.n ?? 0,
        building: pools.find((pool) => pool.cluster === name && pool.state === 'building')?.n ?? 0,
        claimed: pools.find((pool) => pool.cluster === name && pool.state === 'claimed')?.n ?? 0,
      },
    })),
  };
}
