/**
 * bench/lifecycle: snapshot, restore and branch of a tenant database (@org/db) against the
 * bare SQL floor, `CREATE DATABASE x TEMPLATE y` of the same database in the same run, for
 * two sizes of tenant database; and how long each kept the tenant out (its interruption:
 * from the moment the database stops taking sessions until it takes them again). Each
 * round times the floor and the three operations in turns after a checkpoint, with one
 * tenant session open (ended by each operation, reconnected by the next query).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import {
  branchTenantDatabase,
  createDbContext,
  createProject,
  createTenantDatabase,
  createTenantSchema,
  dropTenantDatabase,
  dropTenantSnapshot,
  migrate,
  restoreTenantDatabase,
  snapshotTenantDatabase,
  tenantDatabaseName,
  tenantSnapshotName,
  type DbContext,
} from '@org/db';
import postgres from 'postgres';
import { benchScratchDatabase } from './support/bench-database.js';
import { BENCH_SECRET_KEY } from './support/bench-secret-key.js';
import { checkpoint } from './support/checkpoint.js';
import { median } from './support/stats.js';
import { formatTable } from './support/table.js';

export interface LifecycleBenchOptions {
  url: string;
  quick: boolean;
}

interface Row {
  case: string;
  sizeMB: number;
  floorMs: number;
  ms: number;
  ratio: number;
  interruptedMs: number;
}

async function newProject(db: DbContext): Promise<string> {
  const project = await createProject(
    { id: randomUUID(), name: 'bench lifecycle', region: 'us-east-1', ownerId: 'bench', organizationId: 'bench' },
    db,
  );
  return project.id;
}

/** A tenant database filled to about `sizeMB` (its schema and catalogs take about 7 MB). */
async function filledTenant(db: DbContext, sizeMB: number) {
  const projectId = await newProject(db);
  const tenant = await createTenantDatabase(projectId, 'us-east-1', db, { pool: false });
  await createTenantSchema(tenant.databaseName, projectId, db);
  const sql = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
  const [{ base }] = (await sql`select pg_database_size(current_database())::float8 as base`) as [{ base: number }];
  const rows = Math.max(0, Math.round((sizeMB * 2 ** 20 - base) / 1130));
  await sql`create table public.fill as select i, repeat(md5(i::text), 31) as payload from generate_series(1, ${rows}::int) i`;
  const [{ size }] = (await sql`select pg_database_size(current_database())::float8 as size`) as [{ size: number }];
  return { tenant, session: sql, sizeMB: size / 2 ** 20 };
}

export async function benchLifecycle(options: LifecycleBenchOptions): Promise<{ table: string; rows: Row[] }> {
  const sizes = options.quick ? [10, 50] : [10, 200];
  const rounds = options.quick ? 3 : 5;
  const scratch = await benchScratchDatabase(options.url, 'bench_lifecycle');
  const db = createDbContext({
    databaseUrl: scratch.url,
    secretKey: Buffer.from(BENCH_SECRET_KEY, 'base64'),
    poolSize: 4,
    applicationName: 'bench-lifecycle',
  });
  const server = postgres(scratch.url, { max: 1, onnotice: () => {} });
  const made: string[] = [];
  const rows: Row[] = [];
  try {
    await migrate(db.client.sql);
    const admin = await db.clusters.admin('default');
    for (const size of sizes) {
      const filled = await filledTenant(db, size);
      const { tenant, sizeMB } = filled;
      let session = filled.session;
      made.push(tenant.databaseName);
      const samples = {
        floor: [] as number[],
        snapshot: [] as number[],
        restore: [] as number[],
        branch: [] as number[],
        snapshotOut: [] as number[],
        restoreOut: [] as number[],
        branchOut: [] as number[],
      };
      const timed = async <T>(run: () => Promise<T>): Promise<[number, T]> => {
        await session`select 1`; // the tenant has a session open when each case begins
        await checkpoint(server);
        const begin = performance.now();
        const result = await run();
        return [performance.now() - begin, result];
      };
      for (let round = 0; round < rounds; round++) {
        // The floor: the copy alone, of a database nobody is connected to.
        await session.end();
        const floorName = `bench_floor_${round}`;
        await checkpoint(server);
        const begin = performance.now();
        await admin.unsafe(`create database ${floorName} template ${tenant.databaseName}`);
        const floorMs = performance.now() - begin;
        await admin.unsafe(`drop database ${floorName}`);
        session = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
        samples.floor.push(floorMs);

        const snapshotName = tenantSnapshotName(randomUUID());
        const [snapshotMs, snapshot] = await timed(() => snapshotTenantDatabase(tenant.databaseName, snapshotName, db));
        samples.snapshot.push(snapshotMs);
        samples.snapshotOut.push(snapshot.interruptedMs);

        const preserveAs = tenantSnapshotName(randomUUID());
        const [restoreMs, restore] = await timed(() =>
          restoreTenantDatabase(tenant.databaseName, snapshotName, preserveAs, db),
        );
        samples.restore.push(restoreMs);
        samples.restoreOut.push(restore.interruptedMs);
        await dropTenantSnapshot(preserveAs, db, { cluster: 'default' });
        await dropTenantSnapshot(snapshotName, db, { cluster: 'default' });

        const branchName = tenantDatabaseName(await newProject(db));
        const [branchMs, branch] = await timed(() => branchTenantDatabase(tenant.databaseName, branchName, db));
        samples.branch.push(branchMs);
        samples.branchOut.push(branch.interruptedMs);
        await dropTenantDatabase(branchName, db);
      }
      await session.end();
      const floor = median(samples.floor);
      for (const name of ['snapshot', 'restore', 'branch'] as const) {
        const ms = median(samples[name]);
        rows.push({
          case: name,
          sizeMB,
          floorMs: floor,
          ms,
          ratio: ms / floor,
          interruptedMs: median(samples[`${name}Out`]),
        });
      }
    }
  } finally {
    for (const name of made) await dropTenantDatabase(name, db).catch(() => undefined);
    await server.end();
    await db.close();
    await scratch.drop();
  }
  const table = formatTable(
    [
      'lifecycle',
      'database MB',
      'floor: CREATE DATABASE TEMPLATE, p50 ms',
      'p50 ms',
      'vs floor',
      'tenant interrupted p50 ms',
    ],
    rows.map((row) => [row.case, row.sizeMB, row.floorMs, row.ms, row.ratio, row.interruptedMs]),
  );
  return { table, rows };
}
