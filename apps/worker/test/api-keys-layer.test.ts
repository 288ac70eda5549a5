import { randomUUID } from 'node:crypto';
import {
  generateApiKeys,
  getProjectApiKeys,
  migrate as migrateApiKeys,
  revokeApiKey,
  rotateApiKey,
} from '@org/api-keys';
import { createDbContext, listProjectResources, migrate as migrateDb, type DbContext } from '@org/db';
import { createTestDatabase, createTestProject, type TestDatabase, testSecretKey } from '@org/db/testing';
import { ProjectNotFoundError } from '@org/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateControlPlane } from '@org/operations';

// @org/api-keys stands alone; these are what the worker's migrations layer on for the control plane.
describe('API keys in the control plane', () => {
  let database: TestDatabase;
  let ctx: DbContext;
  beforeAll(async () => {
    database = await createTestDatabase('api_keys_layer');
    ctx = createDbContext({ databaseUrl: database.url, secretKey: testSecretKey(), poolSize: 4 });
    await migrateControlPlane(ctx.client.sql);
  });
  afterAll(async () => {
    await ctx.close();
    await database.drop();
  });

  it('a key belongs to a project: unknown or non-uuid ids are ProjectNotFoundError', async () => {
    const [column] = await ctx.client.sql`
      select atttypid::regtype::text as type from pg_attribute
      where attrelid = 'control_plane.api_keys'::regclass and attname = 'project_id'`;
    expect(column).toEqual({ type: 'uuid' });
    for (const projectId of [randomUUID(), 'not-a-project']) {
      await expect(generateApiKeys({ projectId }, {}, ctx)).rejects.toSatisfy((e: unknown) =>
        ProjectNotFoundError.is(e),
      );
    }
    expect(await getProjectApiKeys('not-a-project', {}, ctx)).toEqual([]);
  });

  it('keys are project resources from the transaction that writes them until revoked', async () => {
    const project = await createTestProject(ctx);
    const [first, second] = await generateApiKeys({ projectId: project.id, count: 2 }, {}, ctx);
    const resources = async () =>
      Object.fromEntries(
        (await listProjectResources(project.id, 'api_keys', ctx)).map((r) => [r.resourceId, r.metadata]),
      );
    expect(await resources()).toEqual({ [first!.id]: { start: first!.start }, [second!.id]: { start: second!.start } });

    const rotated = await rotateApiKey(first!.id, { graceSeconds: 60 }, ctx);
    expect((await resources())[rotated.id]).toEqual({ start: rotated.start, rotatedFrom: first!.id });
    expect(await revokeApiKey(second!.id, ctx)).toBe(true);
    expect(await revokeApiKey(second!.id, ctx)).toBe(true);
    expect(Object.keys(await resources()).sort()).toEqual([first!.id, rotated.id].sort());
  });

  it('a database migrated before @org/api-keys stood alone (uuid column, foreign key) upgrades', async () => {
    const old = await createTestDatabase('api_keys_old');
    const sql = createDbContext({ databaseUrl: old.url, secretKey: testSecretKey(), poolSize: 2 }).client.sql;
    try {
      await migrateDb(sql);
      await migrateApiKeys(sql);
      // The state @org/api-keys 0.1's first migration left.
      await sql.unsafe(`
        alter table control_plane.api_keys alter column project_id type uuid using project_id::uuid;
        alter table control_plane.api_keys add constraint api_keys_project_id_projects_id_fk
          foreign key (project_id) references control_plane.projects (id)`);
      await migrateControlPlane(sql);
      const [fks] = await sql`
        select count(*)::int as n from pg_constraint
        where conrelid = 'control_plane.api_keys'::regclass and contype = 'f'`;
      expect(fks).toEqual({ n: 1 });
    } finally {
      await sql.end();
      await old.drop();
    }
  });
});
