import { randomUUID } from 'node:crypto';
import { createTestDatabase, waitFor, type TestDatabase } from '@org/db/testing';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateApi } from '../src/migrate-api.js';
import { readProject, sharedProjectReads } from '../src/views/project-view.js';

/**
 * `GET /v1/projects/{id}` reads through `sharedProjectReads`: concurrent reads share queries
 * (`SharedLookups`, `@org/db`). A pool of 2 lets one read query be on its way at a time, so
 * what queues behind it is plain to see; the pool counts the read queries it sends and the
 * ids each carried.
 */
let database: TestDatabase;
let sql: Sql;
let admin: Sql;
const idsPerRead: number[] = [];
beforeAll(async () => {
  database = await createTestDatabase('api_project_reads');
  admin = postgres(database.url, { max: 2, onnotice: () => {} });
  await migrateApi(admin);
  sql = postgres(database.url, {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query, parameters) => {
      if (query.includes('from control_plane.projects p') && query.includes('where p.id')) {
        idsPerRead.push(parameters.length);
      }
    },
  });
});
afterAll(async () => {
  await sql.end();
  await admin.end();
  await database.drop();
});

async function createProject(organizationId: string): Promise<string> {
  const id = randomUUID();
  await admin`insert into control_plane.projects (id, name, region, owner_id, organization_id)
    values (${id}, ${`reads-${id.slice(0, 8)}`}, 'us-east-1', 'owner', ${organizationId})`;
  return id;
}

describe('sharedProjectReads', () => {
  it('answers concurrent reads with shared queries, each with its own project and organization', async () => {
    const ours = [await createProject('org-a'), await createProject('org-a'), await createProject('org-a')];
    const theirs = await createProject('org-b');
    const cases: { id: string; organizationId: string | null }[] = [
      ...ours.map((id) => ({ id, organizationId: 'org-a' })),
      ...ours.map((id) => ({ id: id.toUpperCase(), organizationId: 'org-a' })),
      ...ours.map((id) => ({ id, organizationId: null })),
      { id: theirs, organizationId: 'org-a' },
      { id: theirs, organizationId: 'org-b' },
      { id: randomUUID(), organizationId: null },
      { id: ours[0]!, organizationId: 'org-a' },
    ];
    const expected = await Promise.all(cases.map(({ id, organizationId }) => readProject(admin, id, organizationId)));
    // Every case but the unknown id and the other organization's project is found.
    expect(expected.filter((project) => project !== undefined)).toHaveLength(cases.length - 2);

    const lookUpProject = sharedProjectReads(sql, { maxQueuedMs: 10_000 });
    idsPerRead.length = 0;
    const answers = await Promise.all(cases.map(({ id, organizationId }) => lookUpProject(id, organizationId)));
    expect(answers).toEqual(expected);
    // The first went alone; the 12 queued behind it carried 5 distinct ids (padded to 8).
    expect(idsPerRead).toEqual([1, 8]);
  });

  it('never answers a read with a query sent before it was asked', async () => {
    const lookUpProject = sharedProjectReads(sql, { maxQueuedMs: 10_000 });
    const id = await createProject('org-a');
    idsPerRead.length = 0;
    let before!: Promise<unknown>;
    let after!: Promise<unknown>;
    await admin.begin(async (tx) => {
      // The first read's query is sent and held behind the lock; the second, of the same id,
      // is asked while it hangs: it must wait for a query of its own, not join the one sent.
      // (That the query sent first still answers with what was there when it was sent is
      // @org/db's shared-lookups.test.ts.)
      await tx`lock table control_plane.projects in access exclusive mode`;
      before = lookUpProject(id, null);
      await waitFor(() => idsPerRead.length === 1, { what: 'the first read sent', timeoutMs: 5_000, intervalMs: 10 });
      after = lookUpProject(id, null);
    });
    await Promise.all([before, after]);
    expect(idsPerRead).toEqual([1, 1]);
  });

  it('answers an id that is not a uuid as no project, without a query', async () => {
    const lookUpProject = sharedProjectReads(sql, { maxQueuedMs: 10_000 });
    const id = await createProject('org-a');
    idsPerRead.length = 0;
    const answers = await Promise.all(
      [id, 'not-a-uuid', `${id}'`, id].map((candidate) => lookUpProject(candidate, null)),
    );
    expect(answers.map((project) => project?.id)).toEqual([id, undefined, undefined, id]);
    expect(idsPerRead).toEqual([1, 1]);
  });
});
