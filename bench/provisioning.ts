/**
 * Provisioning against the floor (the same SQL, no library), in one process against one
 * PostgreSQL: the library directly, the queue with W workers, and scale to many tenants.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { ensureTenantTemplate, readTenantPool, refillTenantPool, type DbContext } from '@org/db';
import { ProvisioningQueue, provisionProjectHandler } from '@org/worker';
import { benchPayload, benchProjects, benchWorkerContext } from './support/bench-context.js';
import { floorBurst } from './support/floor-burst.js';
import { floorProvision } from './support/floor-provision.js';
import { queueBurst, waitProvisioned } from './support/queue-burst.js';
import { median, summarize } from './support/stats.js';
import { runConcurrently } from './support/run-concurrently.js';
import { formatTable } from './support/table.js';

export interface ProvisioningBenchOptions {
  url: string;
  /** Projects per case (floor, library). */
  n: number;
  /** Projects through the queue. */
  queueN: number;
  /** Workers (concurrent jobs) for the queue case and its floor. */
  workers: number;
  /** Tenants for the scale case. */
  scaleN: number;
}

/**
 * How many of these projects got a database claimed from the warm pool (the rest copied the
 * template because the pool was empty): as "claimed/all", for the table.
 */
async function fromPool(sql: postgres.Sql, ids: string[]): Promise<string> {
  const [row] = await sql<{ pooled: number }[]>`
    select count(*)::int as pooled from control_plane.project_resources
    where project_id = any(${ids}::uuid[]) and resource_type = 'databases' and metadata ? 'pooled'`;
  return `${row!.pooled}/${ids.length}`;
}

/**
 * Waits (one read per 10 ms) until the default cluster's warm pool holds `size` ready
 * databases: the refill a claim asked for has finished.
 */
async function waitPoolFull(db: DbContext, size: number): Promise<void> {
  while ((await readTenantPool(db)).find((pool) => pool.cluster === 'default')!.ready < size) await sleep(10);
}

/** Enqueue-to-done per project, from the server's own clock: job created_on to provisioned_at. */
async function enqueueToDone(sql: postgres.Sql, ids: string[]): Promise<number[]> {
  const rows = await sql<{ ms: number }[]>`
    select extract(epoch from (p.provisioned_at - j.created_on)) * 1000 as ms
    from pgboss.job j join control_plane.projects p on p.id::text = j.singleton_key
    where j.name = 'provision_project' and p.id = any(${ids}::uuid[])`;
  return rows.map((row) => Number(row.ms));
}

export async function benchProvisioning(options: ProvisioningBenchOptions) {
  const ctx = await benchWorkerContext(options.url, 16);
  // The floor gets a plain postgres.js pool of its own (Drizzle alters the parsers of the one it wraps).
  const sql = postgres(options.url, { max: 16, onnotice: () => {} });
  const rows: Record<string, string | number>[] = [];
  const add = (name: string, samples: number[], extra: Record<string, number | string> = {}) => {
    const s = summarize(samples);
    rows.push({ case: name, n: s.count, p50: s.p50, p95: s.p95, max: s.max, ...extra });
    return s;
  };
  try {
    // Warm up both paths (connections, catalog caches) before anything is measured.
    for (const project of await benchProjects(ctx.db, 3)) await floorProvision(sql, options.url, project.id);
    for (const project of await benchProjects(ctx.db, 3)) await provisionProjectHandler(benchPayload(project), ctx);

    // 1 + 2: the floors (naive, from the tenant template, claiming from the warm pool) and
    // the library without and with a pool, sequential, interleaved so drift hits all alike.
    // The pool is refilled before each round, outside the timings.
    const template = await ensureTenantTemplate('default', ctx.db);
    const pool = { size: 2, requestRefill: () => {} };
    const cases = {
      floor: { projects: await benchProjects(ctx.db, options.n), samples: [] as number[] },
      templateFloor: { projects: await benchProjects(ctx.db, options.n), samples: [] as number[] },
      poolFloor: { projects: await benchProjects(ctx.db, options.n), samples: [] as number[] },
      library: { projects: await benchProjects(ctx.db, options.n), samples: [] as number[] },
      pooledLibrary: { projects: await benchProjects(ctx.db, options.n), samples: [] as number[] },
    };
    const time = async (samples: number[], run: () => Promise<unknown>) => {
      const begin = performance.now();
      const result = await run();
      samples.push(performance.now() - begin);
      const failed = result as { success?: boolean; error?: { code: string; message: string } } | undefined;
      if (failed?.success === false)
        throw new Error(`provisioning failed: ${failed.error?.code} ${failed.error?.message}`);
    };
    for (let i = 0; i < options.n; i++) {
      await refillTenantPool('default', pool.size, ctx.db);
      const round = [
        () => time(cases.floor.samples, () => floorProvision(sql, options.url, cases.floor.projects[i]!.id)),
        () =>
          time(cases.templateFloor.samples, () =>
            floorProvision(sql, options.url, cases.templateFloor.projects[i]!.id, { template }),
          ),
        () =>
          time(cases.poolFloor.samples, () =>
            floorProvision(sql, options.url, cases.poolFloor.projects[i]!.id, { pooled: true }),
          ),
        () => {
          ctx.pool = undefined;
          return time(cases.library.samples, () =>
            provisionProjectHandler(benchPayload(cases.library.projects[i]!), ctx),
          );
        },
        () => {
          ctx.pool = pool;
          return time(cases.pooledLibrary.samples, () =>
            provisionProjectHandler(benchPayload(cases.pooledLibrary.projects[i]!), ctx),
          );
        },
      ];
      // Each round starts with a different case: none always follows the refill's copies.
      for (let k = 0; k < round.length; k++) await round[(i + k) % round.length]!();
    }
    const claims = await fromPool(
      sql,
      cases.pooledLibrary.projects.map((p) => p.id),
    );
    if (claims !== `${options.n}/${options.n}`)
      throw new Error(`pooled runs claimed from the pool: ${claims}, not all of them`);
    const floor = add('floor: plain SQL, sequential', cases.floor.samples, { ratio: 1 });
    const templateFloor = add('floor: from the tenant template, sequential', cases.templateFloor.samples);
    rows.at(-1)!['ratio'] = templateFloor.p50 / floor.p50;
    const poolFloor = add('floor: claimed from the warm pool, sequential', cases.poolFloor.samples);
    rows.at(-1)!['ratio'] = poolFloor.p50 / floor.p50;
    const library = add('provisionProjectHandler, template (no pool), sequential', cases.library.samples);
    rows.at(-1)!['ratio'] = library.p50 / floor.p50;
    rows.at(-1)!['vs own floor'] = library.p50 / templateFloor.p50;
    const pooled = add('provisionProjectHandler, warm pool, sequential', cases.pooledLibrary.samples);
    rows.at(-1)!['ratio'] = pooled.p50 / floor.p50;
    rows.at(-1)!['vs own floor'] = pooled.p50 / poolFloor.p50;
    ctx.pool = undefined;
    await refillTenantPool('default', 0, ctx.db);

    // 3: the queue with W workers against the floor at the same concurrency, whose burst
    // runs before the queue's and again after it (see floorBurst).
    const addFloorBurst = async (when: string) => {
      const { throughput, latencies } = await floorBurst(sql, options.url, ctx.db, options.queueN, options.workers);
      add(`floor: plain SQL, ${options.workers} concurrent, ${when}`, latencies, { 'projects/s': throughput });
      return throughput;
    };
    const floorBefore = await addFloorBurst("before the queue's burst");

    const queue = new ProvisioningQueue(options.url, {
      concurrency: options.workers,
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
    });
    await queue.start();
    await queue.applyPolicy();
    // As a worker runs on the embedded server: a warm pool, refilled through the queue.
    const warmPool = { size: 3, requestRefill: (cluster: string) => void queue.requestPoolRefill(cluster) };
    ctx.pool = warmPool;
    await refillTenantPool('default', warmPool.size, ctx.db);
    await queue.work(ctx);
    // Latency: one job at a time, so the number is the queue's own overhead, not a backlog.
    // Each queued job is paired with a direct run just before it: on this shared disk a
    // provisioning's time drifts over minutes, and the overhead is the difference. Both
    // start with a warm pool: each waits for the refill the one before it asked for (on this
    // disk a refill's template copy can take longer than a provisioning; the burst below
    // shows what a pool that cannot keep up costs).
    const singles = await benchProjects(ctx.db, Math.min(20, options.queueN));
    const paired = await benchProjects(ctx.db, singles.length);
    const direct: number[] = [];
    for (const [index, project] of singles.entries()) {
      await waitPoolFull(ctx.db, warmPool.size);
      const begin = performance.now();
      await provisionProjectHandler(benchPayload(paired[index]!), ctx);
      direct.push(performance.now() - begin);
      await waitPoolFull(ctx.db, warmPool.size);
      await queue.send(benchPayload(project), 'bench');
      await waitProvisioned(sql, [project.id]);
    }
    const directSingle = add('provisionProjectHandler, paired with the next row', direct, {
      'from pool': await fromPool(
        sql,
        paired.map((p) => p.id),
      ),
    });
    const queued = add(
      'queue: enqueue-to-done, one job at a time, warm pool',
      await enqueueToDone(
        sql,
        singles.map((p) => p.id),
      ),
    );
    rows.at(-1)!['overhead ms'] = queued.p50 - directSingle.p50;
    rows.at(-1)!['from pool'] = await fromPool(
      sql,
      singles.map((p) => p.id),
    );

    // Throughput: a burst of N jobs on W workers.
    const { ids, throughput: queueThroughput } = await queueBurst(sql, ctx.db, queue, options.queueN);
    const burst = await enqueueToDone(sql, ids);
    add(`queue: enqueue-to-done, burst of ${options.queueN} on ${options.workers} workers, warm pool`, burst, {
      'projects/s': queueThroughput,
      'from pool': await fromPool(sql, ids),
    });
    const queueRow = rows.at(-1)!;
    await queue.stop(10_000);
    ctx.pool = undefined;
    await refillTenantPool('default', 0, ctx.db);
    const floorAfter = await addFloorBurst("after the queue's burst");
    queueRow['ratio'] = queueThroughput / ((floorBefore + floorAfter) / 2);

    // 4: scale. Tenants accumulate; compare the first 50 with the last 50.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const scaleProjects = await benchProjects(ctx.db, options.scaleN);
    const scale = await runConcurrently(options.scaleN, 1, async (i) => {
      const result = await provisionProjectHandler(benchPayload(scaleProjects[i]!), ctx);
      if (!result.success) throw new Error(`scale provisioning ${i} failed: ${result.error.code}`);
    });
    clearInterval(sampler);
    const window = Math.min(50, Math.floor(options.scaleN / 4));
    const first = median(scale.latencies.slice(0, window));
    const last = median(scale.latencies.slice(-window));
    const [connections] = await sql<
      { n: number }[]
    >`select count(*)::int as n from pg_stat_activity where backend_type = 'client backend'`;
    const [tenants] = await sql<
      { n: number }[]
    >`select count(*)::int as n from pg_database where datname like 'tenant\\_%'`;
    const scaleRow = {
      tenants: tenants!.n,
      window,
      firstP50: first,
      lastP50: last,
      ratio: last / first,
      serverConnections: connections!.n,
      peakRssMb: peakRss / 2 ** 20,
    };
    const table = formatTable(
      [
        'provisioning',
        'n',
        'p50 ms',
        'p95 ms',
        'max ms',
        'projects/s',
        'vs floor',
        'vs own floor',
        'queue overhead ms',
        'from pool',
      ],
      rows.map((r) => [
        r['case']!,
        r['n']!,
        r['p50']!,
        r['p95']!,
        r['max']!,
        r['projects/s'] ?? '-',
        r['ratio'] ?? '-',
        r['vs own floor'] ?? '-',
        r['overhead ms'] ?? '-',
        r['from pool'] ?? '-',
      ]),
    );
    const scaleTable = formatTable(
      [
        'scale',
        `first ${window} p50 ms`,
        `last ${window} p50 ms`,
        'last/first',
        'tenant DBs on server',
        'server connections',
        'peak RSS MB',
      ],
      [
        [
          `${options.scaleN} tenants`,
          first,
          last,
          scaleRow.ratio,
          scaleRow.tenants,
          scaleRow.serverConnections,
          scaleRow.peakRssMb,
        ],
      ],
    );
    return { table: `${table}\n\n${scaleTable}`, rows, scale: scaleRow };
  } finally {
    await sql.end();
    await ctx.journal.close();
    await ctx.db.close();
  }
}
