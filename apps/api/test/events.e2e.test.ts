import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Issue 36: the event feed, and waiting on an operation instead of polling it.
let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;
let stranger: ApiClient;

beforeAll(async () => {
  environment = await createTestEnvironment('api_events');
  // A request limit shorter than the waits below: a wait is not cut by it.
  server = await spawnApi('start', { ...environment.env, API_REQUEST_TIMEOUT_MS: '1500' });
  api = createApiClient({ baseUrl: server.url, token: (await environment.token('org-events', 'events')).token });
  stranger = createApiClient({ baseUrl: server.url, token: (await environment.token('org-other', 'other')).token });
});
afterAll(async () => {
  await server?.stop();
  await environment?.close();
});

describe('events', () => {
  it('GET an operation with wait answers once it has ended; the feed then holds its project’s whole story', async () => {
    const start = (await api.GET('/v1/events')).data!.next_cursor;
    const created = await api.POST('/v1/projects', {
      body: { name: 'evented', region: 'us-east-1', owner_id: 'o' },
    });
    expect(created.response.status).toBe(202);
    const { project, operation } = created.data!;
    // One request, answered when the provisioning ended (it is `queued` when asked).
    const waited = await api.GET('/v1/operations/{id}', {
      params: { path: { id: operation.id }, query: { wait: '60s' } },
    });
    expect(waited.response.status).toBe(200);
    expect(waited.data!.status).toBe('succeeded');
    expect(waited.response.headers.get('retry-after')).toBeNull();

    const feed = await api.GET('/v1/events', { params: { query: { after: start, project_id: project.id } } });
    const events = feed.data!.data;
    expect(events.map((event) => event.type)).toEqual([
      'project.created',
      'operation.queued',
      'project.provisioning',
      'operation.running',
      'project.active',
      'operation.succeeded',
    ]);
    expect(feed.data!.next_cursor).not.toBe(start);
    // The event's operation and project are the API's, without the nested runs and resources.
    const succeeded = events.at(-1)!;
    const { runs: _runs, requested_by_name: _name, ...operationNow } = waited.data!;
    expect(succeeded.data.operation).toEqual(operationNow);
    const projectNow = (await api.GET('/v1/projects/{id}', { params: { path: { id: project.id } } })).data!;
    // All but updated_at, which writes after the project became active (its services) move on,
    // and its snapshot settings, which events do not carry.
    const {
      cluster: _cluster,
      resources: _resources,
      updated_at: _updated,
      snapshot_retention_days: _days,
      snapshot_retention_count: _count,
      ...shownProject
    } = projectNow;
    expect(events.find((event) => event.type === 'project.active')!.data.project).toMatchObject(shownProject);
    expect(succeeded).toMatchObject({
      organization_id: 'org-events',
      project_id: project.id,
      operation_id: operation.id,
    });

    // Read on from the cursor: nothing new. Filtered by type: only those.
    const after = await api.GET('/v1/events', {
      params: { query: { after: feed.data!.next_cursor, project_id: project.id } },
    });
    expect(after.data).toEqual({ data: [], next_cursor: feed.data!.next_cursor });
    const ends = await api.GET('/v1/events', {
      params: { query: { after: start, types: 'operation.succeeded,operation.failed' } },
    });
    expect(ends.data!.data.map((event) => event.operation_id)).toEqual([operation.id]);

    // Another organization's token sees none of it, even when it names the project.
    const theirs = await stranger.GET('/v1/events', { params: { query: { after: start } } });
    expect(theirs.data!.data).toEqual([]);
    const named = await stranger.GET('/v1/events', { params: { query: { project_id: project.id } } });
    expect(named.data!.data).toEqual([]);
    const waitedByStranger = await stranger.GET('/v1/operations/{id}', {
      params: { path: { id: operation.id }, query: { wait: '1s' } },
    });
    expect(waitedByStranger.response.status).toBe(404);
  });

  it('a wait that runs out answers the operation as it is, with Retry-After', async () => {
    const created = await api.POST('/v1/projects', { body: { name: 'held', region: 'us-east-1', owner_id: 'o' } });
    const { operation } = created.data!;
    await api.GET('/v1/operations/{id}', { params: { path: { id: operation.id }, query: { wait: '60s' } } });
    // A delete that stays queued: no worker takes it while the queue is held by this lock.
    const suspended = await api.POST('/v1/projects/{id}/suspend', {
      params: { path: { id: created.data!.project.id } },
    });
    const held = await environment.sql.reserve();
    try {
      await held`begin`;
      await held`select 1 from control_plane.operations where id = ${suspended.data!.operation.id} for update`;
      const answer = await api.GET('/v1/operations/{id}', {
        params: { path: { id: suspended.data!.operation.id }, query: { wait: '2s' } },
      });
      // Longer than the request limit (1.5 s), and still answered 200.
      expect(answer.response.status).toBe(200);
      expect(['queued', 'running']).toContain(answer.data!.status);
      expect(answer.response.headers.get('retry-after')).toBe('1');
    } finally {
      await held`rollback`;
      held.release();
    }
  });

  it('a server told to stop answers its waiting requests at once, with the operation as it is', async () => {
    const alone = await spawnApi('serve', environment.env);
    const held = await environment.sql.reserve();
    try {
      const client = createApiClient({ baseUrl: alone.url, token: (await environment.token('org-events')).token });
      const created = await client.POST('/v1/projects', {
        body: { name: 'stopped', region: 'us-east-1', owner_id: 'o' },
      });
      const id = created.data!.operation.id;
      // The other test server's worker cannot end it while this lock is held.
      await held`begin`;
      await held`select 1 from control_plane.operations where id = ${id} for update`;
      const listeners = async () =>
        (await environment.sql`select 1 from pg_stat_activity where query ilike 'listen%operation_ended%'`).length;
      const before = await listeners();
      const waiting = client.GET('/v1/operations/{id}', { params: { path: { id }, query: { wait: '60s' } } });
      // The first wait of a process opens its listener: then this request is waiting.
      await expect.poll(listeners).toBeGreaterThan(before);
      // Its answer comes, and the process exits, well before the minute the wait asked for
      // (this test's own limit is 30 s): the kept-alive connection does not hold it either.
      await alone.stop();
      const answer = await waiting;
      expect(answer.response.status).toBe(200);
      expect(['queued', 'running']).toContain(answer.data!.status);
    } finally {
      await held`rollback`.catch(() => undefined);
      held.release();
      await alone.stop();
    }
  }, 30_000);

  it('refuses what it cannot read: a wait too long or malformed, an unknown type, a cursor it did not make', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const wait of ['61s', 'soon', '-1s', '1h']) {
      const answer = await api.GET('/v1/operations/{id}', { params: { path: { id }, query: { wait } } });
      expect(answer.response.status, wait).toBe(400);
    }
    const types = await api.GET('/v1/events', { params: { query: { types: 'project.exploded' } } });
    expect(types.response.status).toBe(400);
    expect(types.error!.errors![0]!.message).toContain('project.exploded');
    const cursor = await api.GET('/v1/events', { params: { query: { after: 'evt_1' } } });
    expect(cursor.response.status).toBe(400);
  });
});
