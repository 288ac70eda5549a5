import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate as migrateDb } from '@org/db';
import { createTestDatabase, migrationDrift, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateControlPlane, WORKER_MIGRATIONS } from '../src/runtime/migrate-control-plane.js';

const packageDir = join(import.meta.dirname, '..');
const oldTables = readFileSync(join(import.meta.dirname, 'fixtures/journal-tables-db-0.1.sql'), 'utf8');

describe('the journal’s migrations', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase('journal');
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it('match the Drizzle schema', () => {
    const drift = migrationDrift({
      packageDir,
      schema: './src/journal/schema/*.ts',
      migrationsFolder: WORKER_MIGRATIONS.folder,
    });
    expect(drift.output).toContain('No schema changes');
    expect(drift.inSync).toBe(true);
  });

  it('adopt the tables @org/db 0.1 created, keeping their rows', async () => {
    await migrateDb(sql);
    for (const statement of oldTables.split('--> statement-breakpoint')) await sql.unsafe(statement);
    const [project] = await sql<{ id: string }[]>`
      insert into control_plane.projects (name, region, owner_id, organization_id) values ('old', 'us-east-1', 'o', 'g') returning id`;
    await sql`insert into control_plane.provisioning_steps (project_id, step, status, attempts) values (${project!.id}, 'database', 'completed', 1)`;
    await sql`insert into control_plane.provisioning_attempts (project_id, attempt, status) values (${project!.id}, 1, 'succeeded')`;
    await sql`insert into control_plane.provisioning_results (project_id, sealed, expires_at) values (${project!.id}, 'v1.x.y.z', now())`;

    const report = await migrateControlPlane(sql);
    // The migrations after @org/db's own, up to the one that admits password resets.
    expect(report.applied).toHaveLength(5);
    expect(await sql`select step, status from control_plane.provisioning_steps`).toEqual([
      { step: 'database', status: 'completed' },
    ]);
    expect(await sql`select count(*)::int as n from control_plane.provisioning_attempts`).toEqual([{ n: 1 }]);
    expect(await sql`select count(*)::int as n from control_plane.provisioning_results`).toEqual([{ n: 1 }]);
    // The constraints are there once, as on a new database.
    const [fks] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_constraint where conname like 'provisioning_%_project_id_projects_id_fk'`;
    expect(fks!.n).toBe(3);
    expect((await migrateControlPlane(sql)).applied).toHaveLength(0);
  });
});
