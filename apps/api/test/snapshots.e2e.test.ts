import { waitFor } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Nothing a caller does loses a tenant's data: snapshots, restores, branches and deletes
// that wait out a retention, through the typed client against a real API and worker, with
// the tenant's own connection doing the writes.
let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;

beforeAll(async () => {
  environment = await createTestEnvironment('api_snapshots');
  server = await spawnApi('start', environment.env);
  api = createApiClient({ baseUrl: server.url, token: (await environment.token(null)).token });
});
afterAll(async () => {
  expect(await server.stop()).toBe(0);
  await environment.close();
});

/** Waits for an operation's end with `wait` (no polling loop of ours); it must succeed. */
async function succeeded(answer: { data?: { operation: { id: string } }; error?: unknown }) {
  expect(answer.error).toBeUndefined();
  const id = answer.data!.operation.id;
  const operation = await waitFor(
    async () => (await api.GET('/v1/operations/{id}', { params: { path: { id }, query: { wait: '30s' } } })).data!,
    { until: (seen) => seen.status !== 'queued' && seen.status !== 'running', what: `operation ${id}` },
  );
  expect(operation).toMatchObject({ status: 'succeeded' });
  return operation;
}

/** A provisioned project and its claimed credentials. */
async function provisioned(name: string) {
  const created = await api.POST('/v1/projects', {
    body: { name, region: 'eu-west-1', organization_id: 'org-snapshots', owner_id: 'owner-1' },
  });
  await succeeded(created);
  const id = created.data!.project.id;
  const claim = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id } } });
  return { id, result: claim.data! };
}

/** The tenant's own session: what its application would run. */
async function asTenant<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}
const rowsOf = (url: string) =>
  asTenant(url, async (sql) => (await sql`select body from notes order by body`).map((r) => r.body as string));

describe('snapshots and restores', () => {
  it('snapshot, change, restore: the rows are as at the snapshot; restoring the preserved one brings the change back', async () => {
    const { id, result } = await provisioned('snapshot me');
    const url = result.database.connection_string;
    await asTenant(url, async (sql) => {
      await sql`create table notes (body text)`;
      await sql`insert into notes values ('first')`;
    });
    const snapshot = await api.POST('/v1/projects/{id}/snapshots', { params: { path: { id } } });
    await succeeded(snapshot);
    const snapshotId = snapshot.data!.snapshot_id;
    const listed = (await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } })).data!.data;
    expect(listed).toEqual([
      expect.objectContaining({ id: snapshotId, project_id: id, preserved_by_restore_of: null }),
    ]);
    expect(listed[0]!.size_bytes).toBeGreaterThan(1_000_000);
    // The tenant cannot reach its snapshot, by any name.
    const snapshotUrl = new URL(url);
    snapshotUrl.pathname = `/snap_${snapshotId.replaceAll('-', '_')}`;
    const refused = await asTenant(snapshotUrl.toString(), (sql) => sql`select 1`).then(
      () => 'connected',
      (error: { code?: string }) => error.code,
    );
    // Refused for want of CONNECT (42501) or because it takes no connections (55000), not
    // for being missing (3D000): the snapshot is there.
    expect(['42501', '55000']).toContain(refused);

    await asTenant(url, (sql) => sql`insert into notes values ('second')`);
    expect(await rowsOf(url)).toEqual(['first', 'second']);

    const restore = await api.POST('/v1/projects/{id}/restore', {
      params: { path: { id } },
      body: { snapshot_id: snapshotId },
    });
    await succeeded(restore);
    // The same credentials, the rows as at the snapshot.
    expect(await rowsOf(url)).toEqual(['first']);
    const preserved = restore.data!.preserved_snapshot_id;
    const after = (await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } })).data!.data;
    expect(after.map((s) => [s.id, s.preserved_by_restore_of])).toEqual([
      [snapshotId, null],
      [preserved, snapshotId],
    ]);

    // Undo the restore: the change is back.
    await succeeded(
      await api.POST('/v1/projects/{id}/restore', { params: { path: { id } }, body: { snapshot_id: preserved } }),
    );
    expect(await rowsOf(url)).toEqual(['first', 'second']);

    // Refusals: another project's snapshot is not found; a deleted snapshot is gone.
    const other = await provisioned('someone else');
    const foreign = await api.POST('/v1/projects/{id}/restore', {
      params: { path: { id: other.id } },
      body: { snapshot_id: snapshotId },
    });
    expect(foreign.error).toMatchObject({ status: 404 });
    await succeeded(
      await api.DELETE('/v1/projects/{id}/snapshots/{snapshotId}', { params: { path: { id, snapshotId } } }),
    );
    const remaining = (await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } })).data!.data;
    expect(remaining.map((s) => s.id)).not.toContain(snapshotId);
  });

  it('a project’s own retention: named snapshots, at most its count kept (the oldest dropped), bad settings refused', async () => {
    const { id, result } = await provisioned('keep two');
    const project = await api.GET('/v1/projects/{id}', { params: { path: { id } } });
    expect(project.data).toMatchObject({ snapshot_retention_days: 30, snapshot_retention_count: null });
    for (const body of [
      { snapshot_retention_count: 11 },
      { snapshot_retention_count: 0 },
      { snapshot_retention_days: 0 },
      { snapshot_retention_days: 366 },
      { snapshot_retention_days: 1.5 },
    ]) {
      const refused = await api.PATCH('/v1/projects/{id}', { params: { path: { id } }, body });
      expect(refused.error, JSON.stringify(body)).toMatchObject({ status: 400 });
    }
    const patched = await api.PATCH('/v1/projects/{id}', {
      params: { path: { id } },
      body: { snapshot_retention_count: 2, snapshot_retention_days: 7 },
    });
    expect(patched.data).toMatchObject({ snapshot_retention_days: 7, snapshot_retention_count: 2 });
    const badName = await api.POST('/v1/projects/{id}/snapshots', {
      params: { path: { id } },
      body: { name: 'line\nbreak' },
    });
    expect(badName.error).toMatchObject({ status: 400 });

    const taken: string[] = [];
    // A name is kept as written, quotes and all: it reaches the catalog as a literal, never as SQL.
    const quoted = `two'; drop database postgres; -- "x"`;
    for (const name of ['one', quoted, 'three']) {
      const snapshot = await api.POST('/v1/projects/{id}/snapshots', { params: { path: { id } }, body: { name } });
      await succeeded(snapshot);
      taken.push(snapshot.data!.snapshot_id);
    }
    // Names stay in the control plane: on the cluster, where any role reads a database's
    // comment, no tenant finds one.
    const comments = await asTenant(
      result.database.connection_string,
      (sql) =>
        sql`select coalesce(pg_catalog.shobj_description(d.oid, 'pg_database'), '') as comment from pg_catalog.pg_database d`,
    );
    expect(comments.length).toBeGreaterThan(3);
    expect(comments.filter((row) => String(row.comment).includes('three'))).toEqual([]);
    // The third dropped the first, once it was made: the two newest remain, with their names.
    const listed = (await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } })).data!.data;
    expect(listed.map((s) => [s.id, s.name])).toEqual([
      [taken[1], quoted],
      [taken[2], 'three'],
    ]);
    // Without a count again, a snapshot is kept until deleted (and the quota refuses past it).
    const cleared = await api.PATCH('/v1/projects/{id}', {
      params: { path: { id } },
      body: { snapshot_retention_count: null },
    });
    expect(cleared.data).toMatchObject({ snapshot_retention_days: 7, snapshot_retention_count: null });
    await succeeded(await api.POST('/v1/projects/{id}/snapshots', { params: { path: { id } } }));
    const after = (await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id } } })).data!.data;
    expect(after.map((s) => s.name)).toEqual([quoted, 'three', null]);
  });

  it('a branch starts with the source’s rows; writes do not cross; neither’s credentials reach the other', async () => {
    const source = await provisioned('source');
    const sourceUrl = source.result.database.connection_string;
    await asTenant(sourceUrl, async (sql) => {
      await sql`create table notes (body text)`;
      await sql`insert into notes values ('shared')`;
    });
    const branch = await api.POST('/v1/projects/{id}/branches', {
      params: { path: { id: source.id } },
      body: { name: 'my branch' },
    });
    expect(branch.data!.project).toMatchObject({
      name: 'my branch',
      region: 'eu-west-1',
      organization_id: 'org-snapshots',
    });
    await succeeded(branch);
    const branchId = branch.data!.project.id;
    const claim = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: branchId } } });
    const branchUrl = claim.data!.database.connection_string;
    expect(claim.data!.database.user).not.toBe(source.result.database.user);
    expect(claim.data!.api_keys).toHaveLength(2);

    expect(await rowsOf(branchUrl)).toEqual(['shared']);
    await asTenant(branchUrl, (sql) => sql`insert into notes values ('branch only')`);
    await asTenant(sourceUrl, (sql) => sql`insert into notes values ('source only')`);
    expect(await rowsOf(branchUrl)).toEqual(['branch only', 'shared']);
    expect(await rowsOf(sourceUrl)).toEqual(['shared', 'source only']);

    // The branch's login on the source's database, and the source's on the branch's.
    const crossed = (from: string, to: string) => {
      const url = new URL(from);
      url.pathname = new URL(to).pathname;
      return asTenant(url.toString(), (sql) => sql`select 1`);
    };
    await expect(crossed(branchUrl, sourceUrl)).rejects.toMatchObject({ code: '42501' });
    await expect(crossed(sourceUrl, branchUrl)).rejects.toMatchObject({ code: '42501' });
    // The source's keys are its own; the branch's verify for the branch.
    const [key] = claim.data!.api_keys;
    expect((await api.POST('/v1/api-keys/verify', { body: { key: key!.key } })).data).toMatchObject({
      valid: true,
      project_id: branchId,
    });

    // From a snapshot: the rows as at the snapshot, not as now.
    const snapshot = await api.POST('/v1/projects/{id}/snapshots', { params: { path: { id: source.id } } });
    await succeeded(snapshot);
    await asTenant(sourceUrl, (sql) => sql`insert into notes values ('after the snapshot')`);
    const fromSnapshot = await api.POST('/v1/projects/{id}/branches', {
      params: { path: { id: source.id } },
      body: { snapshot_id: snapshot.data!.snapshot_id },
    });
    await succeeded(fromSnapshot);
    const second = await api.POST('/v1/projects/{id}/one-time-result/claim', {
      params: { path: { id: fromSnapshot.data!.project.id } },
    });
    expect(await rowsOf(second.data!.database.connection_string)).toEqual(['shared', 'source only']);
  });
});

describe('a deleted project’s retention', () => {
  it('recovered within it, the tenant logs in with the same rows and keys; past it, the purge leaves nothing', async () => {
    // A second API and worker whose retention is 2 s: the window passes within the test.
    const short = await spawnApi('start', { ...environment.env, DELETED_PROJECT_RETENTION_SECONDS: '2' });
    try {
      const shortApi = createApiClient({ baseUrl: short.url, token: (await environment.token(null)).token });
      const { id, result } = await provisioned('short-lived');
      const url = result.database.connection_string;
      const [key] = result.api_keys;
      await asTenant(url, async (sql) => {
        await sql`create table notes (body text)`;
        await sql`insert into notes values ('kept')`;
      });
      await succeeded(await api.POST('/v1/projects/{id}/snapshots', { params: { path: { id } } }));

      await succeeded(await api.DELETE('/v1/projects/{id}', { params: { path: { id } } }));
      await succeeded(await api.POST('/v1/projects/{id}/recover', { params: { path: { id } } }));
      expect(await rowsOf(url)).toEqual(['kept']);
      expect((await api.POST('/v1/api-keys/verify', { body: { key: key!.key } })).data!.valid).toBe(true);

      await succeeded(await shortApi.DELETE('/v1/projects/{id}', { params: { path: { id } } }));
      const purged = await waitFor(
        async () => (await api.GET('/v1/projects/{id}', { params: { path: { id } } })).data!,
        {
          until: (project) => project.status === 'purged',
          what: 'the purge at the end of the retention',
          timeoutMs: 30_000,
        },
      );
      expect(purged).toMatchObject({ resources: { database: null, api_keys: { active: 0 } } });
      const name = `tenant_${id.replaceAll('-', '_')}`;
      const [left] = await environment.sql<{ databases: number; roles: number; snapshots: number }[]>`
        select (select count(*)::int from pg_database where datname = ${name}) as databases,
               (select count(*)::int from pg_roles where rolname like ${`%${id.replaceAll('-', '_')}%`}) as roles,
               (select count(*)::int from pg_database where datname like 'snap_%'
                  and shobj_description(oid, 'pg_database') like ${`%${name}%`}) as snapshots`;
      expect(left).toEqual({ databases: 0, roles: 0, snapshots: 0 });
      expect((await api.POST('/v1/api-keys/verify', { body: { key: key!.key } })).data!.reason).toBe('revoked');
      const operations = (await api.GET('/v1/projects/{id}/operations', { params: { path: { id } } })).data!.data;
      expect(operations[0]).toMatchObject({ kind: 'purge', status: 'succeeded' });
    } finally {
      expect(await short.stop()).toBe(0);
    }
  });
});
