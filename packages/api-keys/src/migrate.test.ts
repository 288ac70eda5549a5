import { join } from 'node:path';
import { migrationDrift, testDatabaseUrl } from '@org/db/testing';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { API_KEYS_MIGRATIONS, migrate } from './migrate.js';

describe('api-keys migrations', () => {
  it('match the Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir: join(import.meta.dirname, '..'),
      schema: './src/schema/*.ts',
      migrationsFolder: API_KEYS_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });

  it('apply on their own, with @org/db first, idempotently', async () => {
    const sql = postgres(testDatabaseUrl(), { max: 2, onnotice: () => {} });
    try {
      await migrate(sql);
      const second = await migrate(sql);
      expect(second.applied).toEqual([]);
      const [row] =
        await sql`select to_regclass('control_plane.api_keys') as t, to_regclass('control_plane.__migrations_org_api_keys') as m`;
      expect(row).toEqual({ t: 'control_plane.api_keys', m: 'control_plane.__migrations_org_api_keys' });
    } finally {
      await sql.end();
    }
  });
});
