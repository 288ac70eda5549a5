import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { withTenantDatabase } from './connect-to-tenant-database.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import { ensureTenantTemplate, forgetTenantTemplate, tenantTemplateName } from './tenant-template.js';

let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(() => ctx.close());

interface TemplateRow {
  datistemplate: boolean;
  datallowconn: boolean;
  acl: string | null;
}

const templateRow = async (name: string) =>
  (
    await ctx.client.sql<TemplateRow[]>`
      select datistemplate, datallowconn, datacl::text as acl from pg_database where datname = ${name}`
  )[0];

describe('tenant templates', () => {
  it('is built once per schema version, refuses connections, and new tenants start from it', async () => {
    const name = await ensureTenantTemplate('default', ctx);
    expect(name).toBe(tenantTemplateName());
    expect(name).toMatch(/^template_tenant_v\d+_[0-9a-f]{12}$/);
    expect(await templateRow(name)).toMatchObject({ datistemplate: true, datallowconn: false });
    expect((await templateRow(name))?.acl).not.toMatch(/(^|[{,])=/); // no PUBLIC entry

    // A tenant starts with the schema; the schema step applies nothing, then grants and seeds.
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const tables = await withTenantDatabase(
      tenant.databaseName,
      (sql) => sql<{ count: number }[]>`select count(*)::int as count from schema_migrations`,
      {},
      ctx,
    );
    expect(tables[0]?.count).toBeGreaterThan(0);
    const schema = await createTenantSchema(tenant.databaseName, project.id, ctx);
    expect(schema.applied).toBe(0);
    const owner = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
    expect(await owner`select value from settings where key = 'project_id'`).toEqual([{ value: project.id }]);
    expect(await owner`select count(*)::int as n from audit_logs`).toEqual([{ n: 1 }]);
    await owner.end();

    // The tenant's role cannot connect to the template.
    const url = new URL(
      tenantConnectionUrl(ctx.clusters.allClusters()[0]!.url, name, {
        user: tenant.roleName,
        password: tenant.password,
      }),
    );
    const intruder = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await expect(intruder`select 1`).rejects.toMatchObject({
      code: expect.stringMatching(/^(55000|42501)$/) as unknown,
    });
    await intruder.end();
    await dropTenantDatabase(tenant.databaseName, ctx);
  });

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
      writeFileSync(join(folder, '9999_test_change.sql'), 'create table test_change (id int primary key);');
      const changed = { ...TENANT_MIGRATIONS, folder };

      const before = tenantTemplateName();
      const after = await ensureTenantTemplate('default', ctx, changed);
      expect(after).not.toBe(before);
      expect(await templateRow(after)).toMatchObject({ datistemplate: true, datallowconn: false });
      // The older version is dropped once the new one exists.
      expect(await templateRow(before)).toBeUndefined();
      // Built with the change: a database made from it has the new table.
      const probe = `template_probe_${Date.now()}`;
      await ctx.client.sql.unsafe(`create database ${probe} template ${after}`);
      const sql = postgres(tenantConnectionUrl(ctx.clusters.allClusters()[0]!.url, probe), { max: 1 });
      expect(await sql`select to_regclass('test_change') is not null as present`).toEqual([{ present: true }]);
      await sql.end();
      await ctx.client.sql.unsafe(`drop database ${probe}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      // Back to the current schema's template, for the tests that follow.
      forgetTenantTemplate('default', ctx);
      await ensureTenantTemplate('default', ctx);
    }
  });
});
