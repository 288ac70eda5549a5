import { createTestDatabase, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneEvents, readEvents, type ControlPlaneEvent } from '../src/event-feed.js';
import { migrateControlPlane } from '../src/migrate-control-plane.js';

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase('events');
  sql = postgres(database.url, { max: 12, onnotice: () => {} });
  await migrateControlPlane(sql);
});
afterAll(async () => {
  await sql.end();
  await database.drop();
});

async function newProject(organization = 'org-a'): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into control_plane.projects (name, region, owner_id, organization_id)
    values ('p', 'us-east-1', 'owner', ${organization}) returning id`;
  return row!.id;
}

/** Follows the feed from `after` to its end, a page of `limit` at a time. */
async function follow(after: number, query: { organizationId?: string; limit?: number } = {}) {
  const seen: ControlPlaneEvent[] = [];
  for (;;) {
    const page = await readEvents(sql, {
      after,
      limit: query.limit ?? 50,
      organizationId: query.organizationId ?? null,
    });
    if (page.length === 0) return { seen, after };
    seen.push(...page);
    after = page.at(-1)!.position;
  }
}

describe('the event feed', () => {
  it('records a project’s and an operation’s changes, in the API’s shapes, with no secret', async () => {
    const { after } = await follow(0);
    const projectId = await newProject();
    const operationId = crypto.randomUUID();
    await sql`insert into control_plane.operations (id, project_id, kind) values (${operationId}, ${projectId}, 'provision')`;
    await sql.begin(async (tx) => {
      await tx`update control_plane.operations set status = 'running', started_at = now() where id = ${operationId}`;
      await tx`update control_plane.projects set provisioning_status = 'provisioning' where id = ${projectId}`;
    });
    // A write that changes no state is no event.
    await sql`update control_plane.projects set name = 'renamed' where id = ${projectId}`;
    await sql`update control_plane.projects set provisioning_status = 'provisioned', provisioned_at = now() where id = ${projectId}`;
    await sql`update control_plane.operations set status = 'succeeded', finished_at = now() where id = ${operationId}`;

    const { seen } = await follow(after);
    expect(seen.map((event) => event.type)).toEqual([
      'project.created',
      'operation.queued',
      'operation.running',
      'project.provisioning',
      'project.active',
      'operation.succeeded',
    ]);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ organizationId: 'org-a', projectId, operationId });
    expect(last.id).toMatch(/^evt_\d+$/);
    expect(last.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(last.data.operation).toMatchObject({ id: operationId, kind: 'provision', status: 'succeeded', attempts: 0 });
    expect(last.data.project).toMatchObject({
      id: projectId,
      name: 'renamed',
      status: 'active',
      provisioning_status: 'provisioned',
    });
    expect(Object.keys(last.data.project).sort()).toEqual(
      [
        'created_at',
        'deleted_at',
        'deletion_protection',
        'id',
        'last_error',
        'name',
        'organization_id',
        'owner_id',
        'provisioned_at',
        'provisioning_status',
        'purge_at',
        'region',
        'status',
        'updated_at',
      ].sort(),
    );
  });

  it('pages by organization and by type', async () => {
    const { after } = await follow(0);
    await newProject('org-b');
    await newProject('org-c');
    const b = await readEvents(sql, { after, organizationId: 'org-b', limit: 10 });
    expect(b.map((event) => [event.type, event.organizationId])).toEqual([['project.created', 'org-b']]);
    expect(await readEvents(sql, { after, types: ['operation.failed'], limit: 10 })).toEqual([]);
  });

  it('never lets a reader pass an event that commits after a later-written one', async () => {
    const early = await newProject();
    const late = await newProject();
    const { after } = await follow(0);
    // A transaction writes its event first (the lower id) and is still open…
    const reserved = await sql.reserve();
    let first: Awaited<ReturnType<typeof follow>>;
    try {
      await reserved`begin`;
      await reserved`update control_plane.projects set status = 'suspended' where id = ${early}`;
      // …while a later one writes and commits.
      await sql`update control_plane.projects set status = 'suspended' where id = ${late}`;
      first = await follow(after);
      await reserved`commit`;
    } finally {
      reserved.release();
    }
    expect(first.seen.map((event) => event.projectId)).toEqual([late]);
    // Read on from where the reader stopped: the late committer is there, after it.
    const second = await follow(first.after);
    expect(second.seen.map((event) => [event.projectId, event.type])).toEqual([[early, 'project.suspended']]);
    const [ids] = await sql<{ early: number; late: number }[]>`
      select min(id) filter (where project_id = ${early} and type = 'project.suspended')::int as early,
             min(id) filter (where project_id = ${late} and type = 'project.suspended')::int as late
      from control_plane.events`;
    // What makes this a test of the guard: in id order the early write comes first.
    expect(ids!.early).toBeLessThan(ids!.late);
  });

  it('under concurrent writers, a reader following it sees every event exactly once', async () => {
    const { after } = await follow(0);
    const projects = await Promise.all(Array.from({ length: 8 }, () => newProject('org-load')));
    let writing = true;
    const writers = projects.map(async (project) => {
      let written = 0;
      while (writing && written < 60) {
        await sql.begin(async (tx) => {
          await tx`update control_plane.projects set status = ${written % 2 === 0 ? 'suspended' : 'active'} where id = ${project}`;
          // Held open a little, at random: commits come out of write order.
          await tx`select pg_sleep(${Math.random() * 0.01})`;
        });
        written++;
      }
      return written;
    });
    const seen = new Map<string, number>();
    let cursor = after;
    let done = false;
    const finished = Promise.all(writers).then((counts) => {
      writing = false;
      done = true;
      return counts;
    });
    while (!done) {
      const page = await readEvents(sql, { after: cursor, organizationId: 'org-load', limit: 7 });
      for (const event of page) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
      if (page.length > 0) cursor = page.at(-1)!.position;
    }
    const counts = await finished;
    const rest = await follow(cursor, { organizationId: 'org-load' });
    for (const event of rest.seen) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
    const [written] = await sql<{ n: number }[]>`
      select count(*)::int as n from control_plane.events where organization_id = 'org-load' and type like 'project.%' and type <> 'project.created'`;
    expect(written!.n).toBe(counts.reduce((sum, n) => sum + n, 0));
    const suspensions = [...seen.entries()].filter(([, times]) => times !== 1);
    expect(suspensions).toEqual([]);
    expect(seen.size).toBe(written!.n + projects.length);
  });

  it('prunes what is older than the retention', async () => {
    await newProject('org-old');
    await sql`update control_plane.events set occurred_at = now() - interval '31 days' where organization_id = 'org-old'`;
    expect(await pruneEvents(sql)).toBe(1);
    expect(await sql`select 1 from control_plane.events where organization_id = 'org-old'`).toHaveLength(0);
  });
});
