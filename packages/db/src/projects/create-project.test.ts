import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbContext } from '../db-context.js';
import { createTestDbContext } from '../testing/create-test-db-context.js';
import { createProject, getProject } from './create-project.js';

let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(() => ctx.close());

const params = { name: 'p', region: 'us-east-1', ownerId: 'owner', organizationId: 'org' };

describe('createProject', () => {
  it('returns the same project on the pool and in a caller’s transaction, as getProject reads it', async () => {
    const onPool = await createProject(params, ctx);
    const id = randomUUID().toUpperCase();
    const inTx = await ctx.client.sql.begin((tx) => createProject({ ...params, id }, tx));
    for (const project of [onPool, inTx]) {
      expect(project).toMatchObject({ status: 'active', provisioningStatus: 'pending', state: 'pending', name: 'p' });
      expect(project.createdAt).toBeInstanceOf(Date);
      expect(project.provisionedAt).toBeNull();
      expect(await getProject(project.id, ctx)).toEqual(project);
    }
    expect(inTx.id).toBe(id.toLowerCase());
  });

  it('names every invalid field at once and writes nothing', async () => {
    const before = await ctx.client.sql`select count(*)::int as n from control_plane.projects`;
    const refused = await createProject(
      { id: 'x', name: '', region: 'mars-1', ownerId: '', organizationId: 'o' },
      ctx,
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((refused as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual([
      'id',
      'name',
      'region',
      'ownerId',
    ]);
    expect(await ctx.client.sql`select count(*)::int as n from control_plane.projects`).toEqual(before);
  });
});
