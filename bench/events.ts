/**
 * bench/events: how soon a waiting GET /v1/operations/{id}?wait= hears its operation end.
 * 100 waits at once through `OperationsClient.waitForEnd` (what the route calls), each
 * operation ended by its own UPDATE, one after another: the lag from each UPDATE's commit
 * to its waiter waking, against the floor of a bare LISTEN hearing a bare pg_notify in the
 * same run; and the client's connections while the 100 wait (its pool and one listener).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSecretBox, loadSecretKey } from '@org/db';
import { waitFor } from '@org/db/testing';
import { migrateControlPlane, OperationsClient } from '@org/operations';
import postgres from 'postgres';
import { benchScratchDatabase } from './support/bench-database.js';
import { BENCH_SECRET_KEY } from './support/bench-secret-key.js';
import { summarize } from './support/stats.js';
import { formatTable } from './support/table.js';

export interface EventsBenchResult {
  table: string;
  rows: Record<string, number | string>[];
}

export async function benchEvents(options: { url: string; quick: boolean }): Promise<EventsBenchResult> {
  const waiters = 100;
  const rounds = options.quick ? 2 : 5;
  const database = await benchScratchDatabase(options.url, 'bench_events');
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  const client = new OperationsClient({
    databaseUrl: database.url,
    secrets: createSecretBox(loadSecretKey({ key: BENCH_SECRET_KEY })),
    applicationName: 'bench-waits',
  });
  try {
    await migrateControlPlane(sql);
    const [project] = await sql<{ id: string }[]>`
      insert into control_plane.projects (name, region, owner_id, organization_id)
      values ('bench', 'us-east-1', 'o', 'bench') returning id`;
    // Operations of one project may not overlap (a unique index): each gets a project of its own.
    const projects = [project!.id];
    for (let i = 1; i < waiters; i++) {
      const [row] = await sql<{ id: string }[]>`
        insert into control_plane.projects (name, region, owner_id, organization_id)
        values ('bench', 'us-east-1', 'o', 'bench') returning id`;
      projects.push(row!.id);
    }

    // The floor: a bare LISTEN hearing a bare NOTIFY, committed one after another.
    const floorLags: number[] = [];
    {
      const heard = new Map<string, number>();
      const listener = await sql.listen('bench_floor', (payload) => heard.set(payload, performance.now()));
      for (let round = 0; round < rounds; round++) {
        const committed = new Map<string, number>();
        for (let i = 0; i < waiters; i++) {
          const id = randomUUID();
          await sql`select pg_notify('bench_floor', ${id})`;
          committed.set(id, performance.now());
        }
        await waitFor(() => heard.size >= committed.size, { what: 'every floor notification', intervalMs: 5 });
        for (const [id, at] of committed) floorLags.push(Math.max(0, heard.get(id)! - at));
        heard.clear();
      }
      await listener.unlisten();
    }

    const lags: number[] = [];
    let peakConnections = 0;
    for (let round = 0; round < rounds; round++) {
      const ids = projects.map(() => randomUUID());
      for (const [i, id] of ids.entries())
        await sql`insert into control_plane.operations (id, project_id, kind, status) values (${id}, ${projects[i]!}, 'suspend', 'running')`;
      const woke = new Map<string, number>();
      const waits = ids.map((id) =>
        client.waitForEnd(id, 60_000).then((operation) => {
          woke.set(id, performance.now());
          if (operation?.status !== 'succeeded') throw new Error(`operation ${id} woke ${operation?.status}`);
        }),
      );
      await waitFor(() => client.waiting === waiters, { what: 'every wait registered', intervalMs: 5 });
      // Let the feed's heartbeat come back (trusted), as it is on a running API.
      await sleep(300);
      const [connections] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = 'bench-waits'`;
      peakConnections = Math.max(peakConnections, connections!.n);
      const committed = new Map<string, number>();
      for (const id of ids) {
        await sql`update control_plane.operations set status = 'succeeded', finished_at = now() where id = ${id}`;
        committed.set(id, performance.now());
      }
      await Promise.all(waits);
      for (const [id, at] of committed) lags.push(Math.max(0, woke.get(id)! - at));
      await sql`update control_plane.operations set status = 'cancelled' where status = 'running'`;
    }

    const floor = summarize(floorLags);
    const wait = summarize(lags);
    const rows = [
      { case: 'floor: LISTEN hears a NOTIFY', ...floor, connections: Number.NaN },
      { case: `${waiters} waits hear their operations end`, ...wait, connections: peakConnections },
    ];
    const table = formatTable(
      ['waiting on an end', 'p50 ms after commit', 'p95 ms', 'p99 ms', 'max ms', 'connections while waiting'],
      rows.map((row) => [row.case, row.p50, row.p95, row.p99, row.max, row.connections]),
    );
    return { table, rows: rows.map((row) => ({ ...row })) };
  } finally {
    await client.close();
    await sql.end();
    await database.drop();
  }
}
