import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from './db-context.js';
import { CONTROL_PLANE_MIGRATIONS, migrate, TENANT_MIGRATIONS } from './migrate.js';
import { createTestDbContext } from './testing/create-test-db-context.js';
import { migrationDrift } from './testing/migration-drift.js';

const packageDir = join(import.meta.dirname, '..');

describe('migrations', () => {
  let ctx: DbContext;
  beforeAll(async () => {
    ctx = await createTestDbContext();
  });
  afterAll(() => ctx.close());

  it('the committed control-plane migrations match the Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir,
      schema: './src/schema/*.ts',
      migrationsFolder: CONTROL_PLANE_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });

  it('the committed tenant migrations match the tenant Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir,
      schema: './src/tenant-schema/*.ts',
      migrationsFolder: TENANT_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });

  it('is idempotent and safe to run concurrently', async () => {
    const reports = await Promise.all([migrate(ctx.client.sql), migrate(ctx.client.sql), migrate(ctx.client.sql)]);
    expect(reports.every((report) => report.applied.length === 0)).toBe(true);
    const rows = await ctx.client.sql`select count(*)::int as n from control_plane.__migrations_org_db`;
    expect(rows[0]?.['n']).toBe(readdirSync(CONTROL_PLANE_MIGRATIONS.folder).filter((f) => f.endsWith('.sql')).length);
  });

  it('creates the spec tables with their constraints', async () => {
    const columns = await ctx.client.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns
      where table_schema = 'control_plane' and table_name = 'project_resources' order by ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'project_id',
      'resource_type',
      'resource_id',
      'metadata',
      'created_at',
      'updated_at',
    ]);
    await expect(
      ctx.client
        .sql`insert into control_plane.projects (name, region, owner_id, organization_id, status) values ('x', 'us-east-1', 'o', 'g', 'bogus')`,
    ).rejects.toMatchObject({ code: '23514' });
  });
});
