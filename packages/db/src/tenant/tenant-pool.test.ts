import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { singleClusterConfig } from '../regions/cluster-config.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { ownPooledDatabasePrefix, POOLED_DATABASE_PREFIX } from './pooled-database-prefix.js';
import { readTenantPool, refillTenantPool } from './tenant-pool.js';
import { tenantTemplateName } from './tenant-template.js';

// A cluster name of its own (the same server): other test files' provisionings on
// `default` neither see nor take this file's pool.
const CLUSTER = 'pool-test';
let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext({ clusters: singleClusterConfig(testDatabaseUrl(), CLUSTER) });
  await refillTenantPool(CLUSTER, 0, ctx);
});
afterAll(async () => {
  await refillTenantPool(CLUSTER, 0, ctx);
  await ctx.close();
});

const poolRows = () =>
  ctx.client.sql<{ name: string; state: string; template: string; project: string | null }[]>`
    select database_name as name, state, template, project_id::text as project
    from control_plane.tenant_pool where cluster = ${CLUSTER} order by created_at`;
const databaseRow = async (name: string) =>
  (
    await ctx.client.sql<{ allow: boolean; acl: string | null; owner: string }[]>`
      select datallowconn as allow, datacl::text as acl, pg_get_userbyid(datdba) as owner
      from pg_database where datname = ${name}`
  )[0];
/** Pooled databases on the server that no row of this cluster accounts for, and rows whose database is gone. */
const unaccounted = async () => {
  const [row] = await ctx.client.sql<{ databases: number; rows: number }[]>`
    select (select count(*)::int from pg_database d where d.datname like ${`${POOLED_DATABASE_PREFIX}%`}
              and not exists (select 1 from control_plane.tenant_pool p where p.database_name = d.datname)) as databases,
           (select count(*)::int from control_plane.tenant_pool p where p.cluster = ${CLUSTER} and p.state = 'ready'
              and not exists (select 1 from pg_database d where d.datname = p.database_name)) as rows`;
  return row!;
};

describe('the warm pool', () => {
  it('is filled with closed copies of the template, and a claim renames one to the project', async () => {
    const refill = await refillTenantPool(CLUSTER, 2, ctx);
    expect(refill).toMatchObject({ refilled: true, created: 2, ready: 2 });
    const rows = await poolRows();
    expect(rows.map((row) => row.state)).toEqual(['ready', 'ready']);
    for (const row of rows) {
      expect(row.template).toBe(tenantTemplateName(ctx));
      const database = await databaseRow(row.name);
      expect(database?.allow).toBe(false); // nobody connects, so it never holds data
      expect(database?.acl).not.toMatch(/(^|[{,])=/); // and no PUBLIC CONNECT
    }

    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    expect(tenant.source).toBe('pool');
    expect(await databaseRow(rows[0]!.name)).toBeUndefined(); // the oldest was taken, under the project's name now
    expect(await databaseRow(tenant.databaseName)).toMatchObject({ allow: true, owner: ctx.clusters.platformRole });
    expect((await databaseRow(tenant.databaseName))?.acl).not.toMatch(/(^|[{,])=/);
    expect((await poolRows()).map((row) => row.name)).toEqual([rows[1]!.name]);
    expect(await readTenantPool(ctx)).toContainEqual(
      expect.objectContaining({ cluster: CLUSTER, ready: 1, claimed: 0 }),
    );

    // It arrives with the schema; the schema step only grants and seeds; the tenant logs in.
    expect((await createTenantSchema(tenant.databaseName, project.id, ctx)).applied).toBe(0);
    const owner = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
    expect(await owner`select value from platform.settings where key = 'project_id'`).toEqual([{ value: project.id }]);
    await owner.end();
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('never hands one database to two claims, and an empty pool falls back to the template', async () => {
    await refillTenantPool(CLUSTER, 2, ctx);
    const projects = await Promise.all(Array.from({ length: 5 }, () => createTestProject(ctx)));
    const tenants = await Promise.all(projects.map((project) => createTenantDatabase(project.id, 'us-east-1', ctx)));
    expect(tenants.filter((tenant) => tenant.source === 'pool')).toHaveLength(2);
    expect(tenants.filter((tenant) => tenant.source === 'template')).toHaveLength(3);
    const pooled = await ctx.client.sql<{ pooled: string }[]>`
      select metadata->>'pooled' as pooled from control_plane.project_resources
      where resource_type = 'databases' and project_id = any(${projects.map((p) => p.id)}::uuid[]) and metadata ? 'pooled'`;
    expect(new Set(pooled.map((row) => row.pooled)).size).toBe(2);
    expect(await poolRows()).toEqual([]);
    for (const tenant of tenants) await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('a claim cut off before the rename is finished by the retry, or dropped with the project', async () => {
    await refillTenantPool(CLUSTER, 2, ctx);
    const cut = () => {
      throw new Error('cut off after the claim');
    };
    const [resumed, abandoned] = [await createTestProject(ctx), await createTestProject(ctx)];
    await expect(createTenantDatabase(resumed.id, 'us-east-1', ctx, { checkpoint: cut })).rejects.toThrow();
    await expect(createTenantDatabase(abandoned.id, 'us-east-1', ctx, { checkpoint: cut })).rejects.toThrow();
    expect((await poolRows()).map((row) => row.state)).toEqual(['claimed', 'claimed']);

    const tenant = await createTenantDatabase(resumed.id, 'us-east-1', ctx);
    expect(tenant.source).toBe('pool');
    // The abandoned project is undone: its claimed database goes with it.
    await dropTenantDatabase(`tenant_${abandoned.id.replaceAll('-', '_')}`, ctx);
    expect(await poolRows()).toEqual([]);
    expect(await unaccounted()).toEqual({ databases: 0, rows: 0 });
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('drains databases of an older template and what crashed refills and lost claims left', async () => {
    await refillTenantPool(CLUSTER, 2, ctx);
    // As if these were made before a tenant-schema change: never handed out.
    await ctx.client
      .sql`update control_plane.tenant_pool set template = 'template_tenant_v0_000000000000' where cluster = ${CLUSTER}`;
    const stale = (await poolRows()).map((row) => row.name);
    expect(await readTenantPool(ctx)).toContainEqual(expect.objectContaining({ cluster: CLUSTER, ready: 0, stale: 2 }));
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    expect(tenant.source).toBe('template');

    // A refill killed after creating its database, and a claim no record names.
    await ctx.client
      .sql`insert into control_plane.tenant_pool (database_name, cluster, template) values ('pooled_tenant_crashed', ${CLUSTER}, ${tenantTemplateName(ctx)})`;
    await (await ctx.clusters.admin(CLUSTER)).unsafe('create database pooled_tenant_crashed allow_connections false');
    const other = await createTestProject(ctx);
    await ctx.client.sql`insert into control_plane.tenant_pool (database_name, cluster, template, state, project_id)
                         values ('pooled_tenant_lost_claim', ${CLUSTER}, ${tenantTemplateName(ctx)}, 'claimed', ${other.id})`;

    const refill = await refillTenantPool(CLUSTER, 1, ctx);
    expect(refill).toMatchObject({ dropped: 4, created: 1, ready: 1 });
    const names = (await poolRows()).map((row) => row.name);
    expect(names.some((name) => stale.includes(name))).toBe(false);
    for (const name of [...stale, 'pooled_tenant_crashed']) expect(await databaseRow(name)).toBeUndefined();
    expect(await unaccounted()).toEqual({ databases: 0, rows: 0 });
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

  it('a refill whose row another refill cleaned up drops its own database', async () => {
    // As if this refill's session (and lock) had dropped and a second refill had removed
    // its `building` row while it was still creating the database.
    await refillTenantPool(CLUSTER, 0, ctx);
    let orphan = '';
    const checkpoint = async (name: string) => {
      if (name !== 'pool:created') return;
      const [row] = await ctx.client.sql<{ name: string }[]>`
        delete from control_plane.tenant_pool where cluster = ${CLUSTER} and state = 'building' returning database_name as name`;
      orphan = row!.name;
    };
    await expect(refillTenantPool(CLUSTER, 1, ctx, { checkpoint })).rejects.toThrow(/lost its lock/);
    expect(orphan.startsWith(await ownPooledDatabasePrefix(ctx))).toBe(true);
    expect(await databaseRow(orphan)).toBeUndefined();
    expect(await unaccounted()).toEqual({ databases: 0, rows: 0 });
  });

  it('drops a pooled database no row accounts for (a dead refill’s CREATE DATABASE that committed late)', async () => {
    await refillTenantPool(CLUSTER, 0, ctx);
    const own = await ownPooledDatabasePrefix(ctx);
    const late = `${own}committed_late`;
    // Another control plane's pooled database on the same server: its row is in its own table.
    const foreign = `${POOLED_DATABASE_PREFIX}00000000_another_control_plane`;
    expect(late).toMatch(/^pooled_tenant_[0-9a-f]{8}_committed_late$/);
    expect(foreign.startsWith(own)).toBe(false); // the case below needs a prefix not ours
    const admin = await ctx.clusters.admin(CLUSTER);
    await admin.unsafe(`create database ${late} allow_connections false`);
    await admin.unsafe(`create database ${foreign} allow_connections false`);
    try {
      expect(await unaccounted()).toEqual({ databases: 2, rows: 0 });
      expect(await refillTenantPool(CLUSTER, 0, ctx)).toMatchObject({ dropped: 1 });
      expect(await databaseRow(late)).toBeUndefined();
      expect(await databaseRow(foreign)).toBeDefined();
    } finally {
      await admin.unsafe(`drop database if exists ${foreign}`);
    }
    expect(await unaccounted()).toEqual({ databases: 0, rows: 0 });
  });

  it('runs one refill per cluster at a time, and size 0 empties the pool', async () => {
    const [first, second] = await Promise.all([refillTenantPool(CLUSTER, 3, ctx), refillTenantPool(CLUSTER, 3, ctx)]);
    expect([first.refilled, second.refilled].sort()).toEqual([false, true]);
    expect(await poolRows()).toHaveLength(3);
    expect(await refillTenantPool(CLUSTER, 0, ctx)).toMatchObject({ dropped: 3, ready: 0 });
    expect(await poolRows()).toEqual([]);
    await expect(refillTenantPool(CLUSTER, -1, ctx)).rejects.toThrow(RangeError);
  });
});
