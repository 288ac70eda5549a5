import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate as migrateDb } from '@org/db';
import { createTestDatabase, migrationDrift, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateControlPlane, CONTROL_PLANE_MIGRATIONS } from '../src/migrate-control-plane.js';

const packageDir = join(import.meta.dirname, '..');
const oldTables = readFileSync(join(import.meta.dirname, 'fixtures/journal-tables-db-0.1.sql'), 'utf8');
const CONTROL_PLANE_MIGRATION_COUNT = (
  JSON.parse(readFileSync(join(packageDir, 'migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

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
      schema: './src/schema/*.ts',
      migrationsFolder: CONTROL_PLANE_MIGRATIONS.folder,
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
    // Every migration of this package (the first adopts the old tables).
    expect(report.applied).toHaveLength(CONTROL_PLANE_MIGRATION_COUNT);
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

  it('carry a lifecycle operation’s runs from its old events into attempts and step runs', async () => {
    // The statements of the migration that moved them, replayed over the column as it was.
    const moved = readFileSync(join(CONTROL_PLANE_MIGRATIONS.folder, '0005_one_journal_of_runs.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .filter((statement) => statement.includes('INSERT INTO'));
    expect(moved).toHaveLength(2);
    await sql`alter table control_plane.operations add column events jsonb not null default '[]'::jsonb`;
    const [project] = await sql<{ id: string }[]>`
      insert into control_plane.projects (name, region, owner_id, organization_id) values ('suspended', 'us-east-1', 'o', 'g') returning id`;
    const at = (second: number) => `2026-12-01T00:00:0${second}.000Z`;
    const failure = { code: 'ECONNRESET', message: 'reset', retryable: true, step: 'database' };
    const events = [
      { type: 'attempt', attempt: 1, at: at(0) },
      { type: 'step', attempt: 1, step: 'api_keys', status: 'running', at: at(0) },
      { type: 'step', attempt: 1, step: 'api_keys', status: 'completed', at: at(1), durationMs: 1000 },
      { type: 'step', attempt: 1, step: 'database', status: 'running', at: at(1) },
      { type: 'step', attempt: 1, step: 'database', status: 'failed', at: at(2), error: failure },
      { type: 'attempt-failed', attempt: 1, at: at(2), error: failure },
      { type: 'attempt', attempt: 2, at: at(3) },
      { type: 'step', attempt: 2, step: 'database', status: 'running', at: at(3) },
      // Its worker died here: the third attempt's start ends it as lost.
      { type: 'attempt', attempt: 3, at: at(5) },
      { type: 'step', attempt: 3, step: 'database', status: 'running', at: at(5) },
      { type: 'step', attempt: 3, step: 'database', status: 'completed', at: at(6), durationMs: 1000 },
      { type: 'attempt-succeeded', attempt: 3, at: at(6) },
    ];
    const [operation] = await sql<{ id: string }[]>`
      insert into control_plane.operations (id, project_id, kind, status, attempts, events)
      values (gen_random_uuid(), ${project!.id}, 'suspend', 'succeeded', 3, ${sql.json(events)}) returning id`;
    for (const statement of moved) await sql.unsafe(statement);
    await sql`alter table control_plane.operations drop column events`;

    const attempts = await sql<
      { attempt: number; kind: string; status: string; code: string | null; finished_at: Date }[]
    >`
      select attempt, kind, status, error->>'code' as code, finished_at from control_plane.provisioning_attempts
      where job_id = ${operation!.id} order by attempt`;
    expect(attempts.map(({ finished_at: _finished, ...attempt }) => attempt)).toEqual([
      { attempt: 1, kind: 'suspend', status: 'failed', code: 'ECONNRESET' },
      { attempt: 2, kind: 'suspend', status: 'failed', code: 'WORKER_LOST' },
      { attempt: 3, kind: 'suspend', status: 'succeeded', code: null },
    ]);
    expect(attempts[1]!.finished_at).toEqual(new Date(at(5)));
    const steps = await sql<{ started_at: Date; finished_at: Date | null }[]>`
      select a.attempt, r.step, r.status, r.duration_ms, r.error->>'code' as code, r.started_at, r.finished_at
      from control_plane.provisioning_step_runs r join control_plane.provisioning_attempts a on a.id = r.attempt_id
      where a.job_id = ${operation!.id} order by a.attempt, r.started_at`;
    expect(
      steps.map(({ started_at, finished_at, ...step }) => ({ ...step, started: started_at, finished: finished_at })),
    ).toEqual([
      {
        attempt: 1,
        step: 'api_keys',
        status: 'completed',
        duration_ms: 1000,
        code: null,
        started: new Date(at(0)),
        finished: new Date(at(1)),
      },
      {
        attempt: 1,
        step: 'database',
        status: 'failed',
        duration_ms: null,
        code: 'ECONNRESET',
        started: new Date(at(1)),
        finished: new Date(at(2)),
      },
      {
        attempt: 2,
        step: 'database',
        status: 'failed',
        duration_ms: null,
        code: 'WORKER_LOST',
        started: new Date(at(3)),
        finished: new Date(at(5)),
      },
      {
        attempt: 3,
        step: 'database',
        status: 'completed',
        duration_ms: 1000,
        code: null,
        started: new Date(at(5)),
        finished: new Date(at(6)),
      },
    ]);
  });
});
