import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { withTenantDatabase } from './connect-to-tenant-database.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import { ensureTenantTemplate, tenantTemplateName } from './tenant-template.js';

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
    expect(name).toBe(tenantTemplateName(ctx));
    expect(name).toMatch(/^template_tenant_v\d+_[0-9a-f]{12}$/);
    expect(await templateRow(name)).toMatchObject({ datistemplate: true, datallowconn: false });
    expect((await templateRow(name))?.acl).not.toMatch(/(^|[{,])=/); // no PUBLIC entry
    // Compacted: smaller than template0, which it was made from (a copy's cost is its size).
    const [size] = await ctx.client.sql<{ template: number; template0: number }[]>`
      select pg_database_size(${name}::text)::float8 as template, pg_database_size('template0')::float8 as template0`;
    expect(size!.template).toBeLessThan(size!.template0);

    // A tenant starts with the schema; the schema step applies nothing, then grants and seeds.
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const tables = await withTenantDatabase(
      tenant.databaseName,
      (sql) => sql<{ count: number }[]>`select count(*)::int as count from platform.schema_migrations`,
      {},
      ctx,
    );
    expect(tables[0]?.count).toBeGreaterThan(0);
    const schema = await createTenantSchema(tenant.databaseName, project.id, ctx);
    expect(schema.applied).toBe(0);
    const owner = postgres(tenant.connectionString, { max: 1, onnotice: () => {} });
    expect(await owner`select value from platform.settings where key = 'project_id'`).toEqual([{ value: project.id }]);
    expect(await owner`select count(*)::int as n from platform.audit_logs`).toEqual([{ n: 1 }]);
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
});
