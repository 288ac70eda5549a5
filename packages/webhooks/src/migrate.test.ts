import { join } from 'node:path';
import { createTestDatabase, migrationDrift } from '@org/db/testing';
import { migrateControlPlane } from '@org/operations';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { migrateWebhooks, WEBHOOKS_MIGRATIONS } from './migrate.js';

describe('webhooks migrations', () => {
  it('match the Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir: join(import.meta.dirname, '..'),
      schema: './src/schema/*.ts',
      migrationsFolder: WEBHOOKS_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });

  it('start the dispatcher at the end of the feed, apply once, and run concurrently', async () => {
    const database = await createTestDatabase('webhooks_migrate');
    const sql = postgres(database.url, { max: 4, onnotice: () => {} });
    try {
      await migrateControlPlane(sql);
      await sql`insert into control_plane.projects (name, region, owner_id, organization_id)
        values ('p', 'us-east-1', 'owner', 'org') returning id`;
      await sql`select control_plane.sequence_events()`;
      await Promise.all([migrateWebhooks(sql), migrateWebhooks(sql)]);
      const again = await migrateWebhooks(sql);
      expect(again.applied).toEqual([]);
      const [cursor] = await sql<{ position: string; last: string }[]>`
        select c.position::text, (select max(position) from control_plane.events)::text as last
        from control_plane.webhook_dispatch_cursor c`;
      expect(cursor!.position).toBe(cursor!.last);
    } finally {
      await sql.end();
      await database.drop();
    }
  });
});
