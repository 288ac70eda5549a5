import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { withTenantDatabase } from './connect-to-tenant-database.js';
import type { TenantDatabase } from './tenant-database.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { migrateTenants } from './migrate-tenants.js';

let ctx: DbContext;
let nextVersion: string;
beforeAll(async () => {
  ctx = await createTestDbContext();
  // A later tenant schema version: the committed migrations plus one more, as drizzle-kit
  // would write it.
  nextVersion = mkdtempSync(join(tmpdir(), 'tenant-v2-'));
  cpSync(TENANT_MIGRATIONS.folder, nextVersion, { recursive: true });
  const journalPath = join(nextVersion, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; when: number; tag: string }[];
  };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_add_plan' });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(
    join(nextVersion, '9999_add_plan.sql'),
    `ALTER TABLE "platform"."settings" ADD COLUMN "plan" text DEFAULT 'free' NOT NULL;`,
  );
});
afterAll(async () => {
  rmSync(nextVersion, { recursive: true, force: true });
  await ctx.close();
});

describe('migrateTenants', () => {
  it('rolls a new schema version out to every existing tenant, once', async () => {
    const tenants: TenantDatabase[] = [];
    for (let i = 0; i < 3; i++) {
      const project = await createTestProject(ctx);
      const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
      await createTenantSchema(tenant.databaseName, project.id, ctx);
      tenants.push(tenant);
    }
    const migrations = { ...TENANT_MIGRATIONS, folder: nextVersion };
    const first = await migrateTenants({ migrations, concurrency: 2 }, ctx);
    // Other test files' tenants on clusters this context does not name fail; ours must not.
    const ours = (name: string) => tenants.some((tenant) => tenant.databaseName === name);
    expect(first.failed.filter((failure) => ours(failure.databaseName))).toEqual([]);
    for (const tenant of tenants) {
      expect(first.migrated).toContainEqual({ databaseName: tenant.databaseName, applied: 1 });
      await withTenantDatabase(
        tenant.databaseName,
        async (sql) => {
          expect(await sql`select plan from platform.settings where key = 'project_id'`).toEqual([{ plan: 'free' }]);
        },
        { as: 'owner' },
        ctx,
      );
    }
    const again = await migrateTenants({ migrations }, ctx);
    expect(
      again.migrated
        .filter((m) => tenants.some((t) => t.databaseName === m.databaseName))
        .every((m) => m.applied === 0),
    ).toBe(true);
    for (const tenant of tenants) await dropTenantDatabase(tenant.databaseName, ctx);
  });
});
