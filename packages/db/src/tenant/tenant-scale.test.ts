import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { tenantDatabaseExists } from './tenant-database-exists.js';

let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(() => ctx.close());

/** Connections this context has open on the server (other test files share the server). */
async function ourConnections(): Promise<{ all: number; tenant: number }> {
  const [row] = await ctx.client.sql<{ all: number; tenant: number }[]>`
    select count(*)::int as all, (count(*) filter (where datname like 'tenant\_%'))::int as tenant
    from pg_stat_activity where application_name like ${ctx.applicationName + '%'}`;
  return row!;
}

describe('many tenants', () => {
  it('200 tenants created (with schema) and dropped leave no connection behind', { timeout: 600_000 }, async () => {
    // The control-plane, admin, bootstrap and reachability-probe pools stay open by design
    // (at most 5 + 2 + 1 + 1 here); what must not grow is anything beyond them.
    const before = await ourConnections();

    const projects = await Promise.all(Array.from({ length: 200 }, () => createTestProject(ctx)));
    const queue = [...projects];
    const names: string[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let project = queue.shift(); project; project = queue.shift()) {
          const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
          await createTenantSchema(tenant.databaseName, project.id, ctx);
          names.push(tenant.databaseName);
        }
      }),
    );
    expect(names).toHaveLength(200);
    expect(await tenantDatabaseExists(names[199]!, ctx)).toBe(true);
    const drops = [...names];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let name = drops.shift(); name; name = drops.shift()) await dropTenantDatabase(name, ctx);
      }),
    );
    const [left] = await ctx.client.sql<
      { n: number }[]
    >`select count(*)::int as n from pg_database where datname = any(${names})`;
    expect(left!.n).toBe(0);
    const after = await ourConnections();
    expect(after.tenant).toBe(0);
    expect(after.all).toBeLessThanOrEqual(Math.max(before.all, 5 + 2 + 1 + 1));
  });
});
