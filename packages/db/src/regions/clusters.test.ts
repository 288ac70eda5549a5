import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@org/errors';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../embedded/start-embedded-postgres.js';
import { hardenTenantCluster } from '../tenant/harden-tenant-cluster.js';
import { ensureTenantTemplate, forgetTenantTemplate, tenantTemplateName } from '../tenant/tenant-template.js';
import { tenantConnectionUrl } from '../tenant/tenant-connection-url.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { findProjectResource } from '../projects/project-resources.js';
import { readDatabaseMetadata } from '../projects/resource-metadata.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import type { TenantDatabase } from '../tenant/tenant-database.js';
import { createTenantDatabase } from '../tenant/create-tenant-database.js';
import { dropTenantDatabase } from '../tenant/drop-tenant-database.js';
import { tenantDatabaseExists } from '../tenant/tenant-database-exists.js';
import { migrate } from '../migrate.js';
import { parseClusterConfig } from './cluster-config.js';
import { isRegionAvailable } from './is-region-available.js';

// A second PostgreSQL cluster, embedded and with scram-sha-256, so that passwords are
// really checked (the machine's own server may use trust authentication).
let secondary: EmbeddedPostgresServer;
let dataDir: string;
let ctx: DbContext;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'org-db-cluster-'));
  secondary = await startEmbeddedPostgres({ dataDir, durable: false });
  const primary = { name: 'primary', url: testDatabaseUrl() };
  const eu = { name: 'eu', url: secondary.url };
  ctx = await createTestDbContext({
    clusters: parseClusterConfig({
      'us-east-1': [primary],
      'us-west-2': [primary, eu],
      'eu-west-1': [eu],
      'ap-southeast-1': [primary],
    }),
  });
});
afterAll(async () => {
  await ctx.close();
  await secondary.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function onDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

async function databasesOn(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1 });
  try {
    return (await sql<{ datname: string }[]>`select datname from pg_database where datname like 'tenant\\_%'`).map(
      (r) => r.datname,
    );
  } finally {
    await sql.end();
  }
}

describe('region routing', () => {
  it('creates tenants on their region’s cluster and records where', async () => {
    const eu = await createTestProject(ctx, { region: 'eu-west-1' });
    const us = await createTestProject(ctx, { region: 'us-east-1' });
    const euTenant = await createTenantDatabase(eu.id, 'eu-west-1', ctx);
    const usTenant = await createTenantDatabase(us.id, 'us-east-1', ctx);
    expect(euTenant).toMatchObject({ cluster: 'eu', port: secondary.port });
    expect(usTenant.cluster).toBe('primary');
    expect(await databasesOn(secondary.url)).toContain(euTenant.databaseName);
    expect(await databasesOn(secondary.url)).not.toContain(usTenant.databaseName);
    expect(
      readDatabaseMetadata((await findProjectResource('databases', euTenant.databaseName, ctx))?.metadata)?.cluster,
    ).toBe('eu');
    await dropTenantDatabase(euTenant.databaseName, ctx);
    await dropTenantDatabase(usTenant.databaseName, ctx);
    expect(await databasesOn(secondary.url)).not.toContain(euTenant.databaseName);
  });

  it('spreads a multi-cluster region over its least-loaded cluster, by counters kept per cluster', async () => {
    const load = async () =>
      Object.fromEntries(
        (
          await ctx.client.sql<{ cluster: string; databases: number }[]>`
            select cluster, databases from control_plane.cluster_load where cluster in ('primary', 'eu')`
        ).map((row) => [row.cluster, row.databases]),
      );
    const before = await load();
    const tenants: TenantDatabase[] = [];
    for (let i = 0; i < 4; i++) {
      const project = await createTestProject(ctx, { region: 'us-west-2' });
      tenants.push(await createTenantDatabase(project.id, 'us-west-2', ctx));
    }
    const counts = Object.groupBy(tenants, (t) => t.cluster);
    expect(counts['primary']).toHaveLength(2);
    expect(counts['eu']).toHaveLength(2);
    // Recording a database counted it once (its status update to ready did not count again).
    expect(await load()).toEqual({ primary: (before['primary'] ?? 0) + 2, eu: (before['eu'] ?? 0) + 2 });
    for (const tenant of tenants) await dropTenantDatabase(tenant.databaseName, ctx);
    for (const tenant of tenants) expect(await tenantDatabaseExists(tenant.databaseName, ctx)).toBe(false);
    expect(await load()).toEqual({ primary: before['primary'] ?? 0, eu: before['eu'] ?? 0 });
  });

  it('knows which regions are available', async () => {
    expect(await isRegionAvailable('eu-west-1', ctx)).toBe(true);
    expect(await isRegionAvailable('mars-north-1', ctx)).toBe(false);
    const dead = await createTestDbContext({
      clusters: parseClusterConfig({
        ...ctx.clusters.config,
        'ap-southeast-1': [{ name: 'dead', url: 'postgres://postgres:x@127.0.0.1:1/postgres' }],
      }),
    });
    expect(await isRegionAvailable('ap-southeast-1', dead)).toBe(false);
    expect(await isRegionAvailable('us-east-1', dead)).toBe(true);
    await dead.close();
  });

  it('rejects a bad cluster map naming every problem', () => {
    expect(() => parseClusterConfig({ 'us-east-1': [{ name: 'a', url: 'http://x' }], 'mars-1': [] })).toThrow(
      ValidationError,
    );
    try {
      parseClusterConfig({ 'us-east-1': [] });
    } catch (error) {
      const paths = (error as ValidationError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1']));
    }
  });
});

describe('tenant isolation (scram-sha-256 cluster)', () => {
  it('a tenant role cannot reach another tenant, the control plane, or make databases and roles', async () => {
    const a = await createTenantDatabase((await createTestProject(ctx, { region: 'eu-west-1' })).id, 'eu-west-1', ctx);
    const b = await createTenantDatabase((await createTestProject(ctx, { region: 'eu-west-1' })).id, 'eu-west-1', ctx);
    try {
      const aOnB = postgres(onDatabase(a.connectionString, b.databaseName), { max: 1 });
      await expect(aOnB`select 1`).rejects.toMatchObject({ code: '42501' });
      await aOnB.end();

      const wrong = postgres(a.connectionString.replace(encodeURIComponent(a.password), 'not-the-password'), {
        max: 1,
      });
      await expect(wrong`select 1`).rejects.toMatchObject({ code: '28P01' });
      await wrong.end();

      const own = postgres(a.connectionString, { max: 1 });
      await expect(own.unsafe('create database sneaky')).rejects.toMatchObject({ code: '42501' });
      await expect(own.unsafe('create role sneaky')).rejects.toMatchObject({ code: '42501' });
      await own.end();
    } finally {
      await dropTenantDatabase(a.databaseName, ctx);
      await dropTenantDatabase(b.databaseName, ctx);
    }
  });

  it('a tenant role cannot connect to the control-plane database', async () => {
    // Make the secondary's postgres database a control plane (migrated), as the primary is.
    const cp = postgres(secondary.url, { max: 1 });
    await migrate(cp);
    await cp.end();
    const tenant = await createTenantDatabase(
      (await createTestProject(ctx, { region: 'eu-west-1' })).id,
      'eu-west-1',
      ctx,
    );
    try {
      const onControlPlane = postgres(onDatabase(tenant.connectionString, 'postgres'), { max: 1 });
      await expect(onControlPlane`select 1`).rejects.toMatchObject({ code: '42501' });
      await onControlPlane.end();
    } finally {
      await dropTenantDatabase(tenant.databaseName, ctx);
    }
  });

  it('hardening closes template1 to tenant roles; the template never accepts them', async () => {
    // The secondary cluster is this file's own server: hardening it touches no one else.
    const tenant = await createTenantDatabase(
      (await createTestProject(ctx, { region: 'eu-west-1' })).id,
      'eu-west-1',
      ctx,
    );
    try {
      const connect = async (database: string) => {
        const sql = postgres(onDatabase(tenant.connectionString, database), { max: 1, onnotice: () => {} });
        try {
          await sql`select 1`;
        } finally {
          await sql.end();
        }
      };
      await expect(connect('template1')).resolves.toBeUndefined(); // PostgreSQL's default
      await hardenTenantCluster('eu', ctx);
      await expect(connect('template1')).rejects.toMatchObject({ code: '42501' });
      await expect(connect(tenantTemplateName(ctx))).rejects.toMatchObject({ code: '55000' });
      // Creating databases (from template1 or ours) still works for the platform.
      const other = await createTenantDatabase(
        (await createTestProject(ctx, { region: 'eu-west-1' })).id,
        'eu-west-1',
        ctx,
      );
      await dropTenantDatabase(other.databaseName, ctx);
    } finally {
      await dropTenantDatabase(tenant.databaseName, ctx);
    }
  });

  // On this file's own server ('eu'), so that dropping the older template disturbs no other test file.
  const templateRowOn = async (name: string) =>
    (
      await (await ctx.clusters.admin('eu'))<{ datistemplate: boolean; datallowconn: boolean }[]>`
        select datistemplate, datallowconn from pg_database where datname = ${name}`
    )[0];

  it('a tenant-schema change names a new template, built with it, and drops the older one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tenant-migrations-'));
    try {
      cpSync(TENANT_MIGRATIONS.folder, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
        entries: { idx: number; when: number; tag: string; breakpoints: boolean }[];
      };
      const last = journal.entries.at(-1)!;
      journal.entries.push({ idx: last.idx + 1, when: last.when + 1000, tag: '9999_test_change', breakpoints: true });
      writeFileSync(journalPath, JSON.stringify(journal));
      writeFileSync(join(folder, '9999_test_change.sql'), 'create table platform.test_change (id int primary key);');
      const changed = { ...TENANT_MIGRATIONS, folder };

      const before = await ensureTenantTemplate('eu', ctx);
      const after = await ensureTenantTemplate('eu', ctx, changed);
      expect(after).not.toBe(before);
      expect(await templateRowOn(after)).toMatchObject({ datistemplate: true, datallowconn: false });
      // The older version is dropped once the new one exists.
      expect(await templateRowOn(before)).toBeUndefined();
      // Built with the change: a database made from it has the new table.
      const probe = `template_probe_${Date.now()}`;
      await (await ctx.clusters.admin('eu')).unsafe(`create database ${probe} template ${after}`);
      const sql = postgres(tenantConnectionUrl(secondary.url, probe), { max: 1 });
      expect(await sql`select to_regclass('platform.test_change') is not null as present`).toEqual([{ present: true }]);
      await sql.end();
      await (await ctx.clusters.admin('eu')).unsafe(`drop database ${probe}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      // Back to the current schema's template, for the tests that follow.
      forgetTenantTemplate('eu', ctx);
      await ensureTenantTemplate('eu', ctx);
    }
  });
});
