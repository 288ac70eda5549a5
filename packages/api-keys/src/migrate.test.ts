import { join } from 'node:path';
import { createTestDatabase, migrationDrift } from '@org/db/testing';
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

  it('in a team’s database: create only this package’s objects, change no privilege, apply once', async () => {
    const database = await createTestDatabase('api_keys_team');
    const role = `team_reader_${database.name.slice(-6)}`;
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    // What a team's database holds besides PostgreSQL's own: objects, and who may connect.
    const snapshot = () => sql<{ kind: string; name: string }[]>`
      select 'schema' as kind, nspname as name from pg_namespace
        where nspname not like 'pg\\_%' and nspname not in ('information_schema', 'public')
      union all select 'relation', relnamespace::regnamespace || '.' || relname from pg_class
        where relnamespace::regnamespace::text not in ('pg_catalog', 'information_schema', 'pg_toast')
      union all select 'function', oid::regprocedure::text from pg_proc
        where pronamespace::regnamespace::text not in ('pg_catalog', 'information_schema')
      union all select 'database acl', coalesce(datacl::text, 'default') from pg_database where datname = current_database()
      order by 1, 2`;
    try {
      // A read-only role that connects through PUBLIC's default CONNECT, as most teams' do.
      await sql.unsafe(`create role ${role} login password 'reader-password'`);
      const before = await snapshot();
      await migrate(sql);
      const after = await snapshot();
      const added = after.filter((row) => !before.some((b) => b.kind === row.kind && b.name === row.name));
      expect(added.map((row) => `${row.kind} ${row.name}`).sort()).toEqual([
        'function control_plane.api_keys_announce_change()',
        'function control_plane.api_keys_enforce_quota()',
        'relation control_plane.__migrations_org_api_keys',
        'relation control_plane.__migrations_org_api_keys_id_seq',
        'relation control_plane.__migrations_org_api_keys_pkey',
        'relation control_plane.api_key_suspensions',
        'relation control_plane.api_key_suspensions_pkey',
        'relation control_plane.api_keys',
        'relation control_plane.api_keys_key_hash_key',
        'relation control_plane.api_keys_pkey',
        'relation control_plane.api_keys_project_active_idx',
        'schema control_plane',
      ]);
      expect(before.filter((row) => !after.some((a) => a.kind === row.kind && a.name === row.name))).toEqual([]);

      const url = new URL(database.url);
      url.username = role;
      url.password = 'reader-password';
      const reader = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        expect(await reader`select current_user as who`).toEqual([{ who: role }]);
      } finally {
        await reader.end();
      }
      expect((await migrate(sql)).applied).toEqual([]);
    } finally {
      await sql.end();
      await database.drop();
      const admin = postgres(database.url.replace(`/${database.name}`, '/postgres'), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop role if exists ${role}`).finally(() => admin.end());
    }
  });
});
