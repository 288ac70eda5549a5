import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import {
  canPartition,
  createNetworkNamespace,
  startPostgresBeside,
  waitFor,
  type NetworkNamespace,
  type PostgresBeside,
} from '@org/db/testing';
import { sqlStateOf } from '@org/errors';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminTokenStore } from '../src/auth/admin-token-store.js';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { migrateApi } from '../src/migrate-api.js';
import { spawnApi, type SpawnedProcess } from '../test/support/spawn-process.js';
import { controlPlaneEnv } from '../test/support/test-environment.js';

// Partitions (issue 33), the API's side: an API process in a network namespace of this
// test's own is inside a request that holds a project's row when its link to PostgreSQL is
// cut. Another API process on loopback (with a worker) must answer that project's requests
// within the request limit meanwhile, and after the heal the cut-off request's
// Idempotency-Key must answer one answer, from either process.

/** API_REQUEST_TIMEOUT_MS, its default, for both processes: its sessions' limits derive from it. */
const LIMIT_MS = 10_000;
/** The deadlines are swept a tenth of the limit apart: an answer past the limit comes this late at most. */
const ANSWERED_WITHIN_MS = LIMIT_MS + LIMIT_MS / 10 + 500;

let namespace: NetworkNamespace;
let server: PostgresBeside;
let sql: postgres.Sql;
let authApi: FakeServiceApi;
let token: string;
/** API and worker on loopback, never cut off. */
let beside: SpawnedProcess;
/** The API alone, in the namespace: its PostgreSQL and its clients are across the link. */
let cutOff: SpawnedProcess;

/** One answer as a client saw it: what it was, when it came and how long it took. */
interface Timed<T> {
  what: string;
  result: T;
  status: number;
  retryAfter: string | null;
  ms: number;
  answeredAt: number;
}

/** Sends a request and notes its answer (see {@link Timed}). */
async function timed<T extends { response: Response }>(what: string, send: () => Promise<T>): Promise<Timed<T>> {
  const sentAt = Date.now();
  const result = await send();
  return {
    what,
    result,
    status: result.response.status,
    retryAfter: result.response.headers.get('retry-after'),
    ms: Date.now() - sentAt,
    answeredAt: Date.now(),
  };
}

/** Seconds from `from` to `to`, for the log. */
function secondsBetween(from: number, to: number): string {
  return ((to - from) / 1000).toFixed(1);
}

/** Prints an answer, timed from the cut. */
function print(answer: Timed<unknown>, cutAt: number): void {
  const retry = answer.retryAfter === null ? '' : ` (Retry-After ${answer.retryAfter})`;
  console.log(
    `partition: t+${secondsBetween(cutAt, answer.answeredAt)} s ${answer.what}: ${answer.status} in ${answer.ms} ms${retry}`,
  );
}

/** Any answer a client can act on: a success, a conflict, or a 503 that says when to try again. */
function wellFormed(answer: Timed<unknown>): boolean {
  return (
    (answer.status >= 200 && answer.status < 300) ||
    answer.status === 409 ||
    (answer.status === 503 && Number(answer.retryAfter) > 0)
  );
}

describe.skipIf(!canPartition())('the API cut off while a request holds a row', () => {
  beforeAll(async () => {
    namespace = createNetworkNamespace();
    server = await startPostgresBeside(namespace);
    sql = postgres(server.url, { max: 4, onnotice: () => {} });
    await migrateApi(sql);
    authApi = await startFakeServiceApi('auth');
    token = (await new AdminTokenStore(sql).create({ name: 'partition', organizationId: null })).token;
    const env = {
      ...controlPlaneEnv(server.url, randomBytes(32).toString('base64'), authApi.url),
      API_REQUEST_TIMEOUT_MS: String(LIMIT_MS),
    };
    beside = await spawnApi('start', env);
    cutOff = await spawnApi('serve', { ...env, DATABASE_URL: server.linkUrl, API_HOST: namespace.farAddress }, [], {
      within: namespace,
    });
  });
  afterAll(async () => {
    for (const spawned of [cutOff, beside]) {
      spawned?.child.kill('SIGKILL');
      await spawned?.exited;
    }
    namespace?.remove();
    await sql?.end({ timeout: 1 });
    await server?.stop();
    await authApi?.close();
  });

  it('other requests on the project answer within the limit; after the heal its key replays one answer', async () => {
    const viaBeside = createApiClient({ baseUrl: beside.url, token });
    const viaCutOff = createApiClient({ baseUrl: cutOff.url, token });
    const created = await viaBeside.POST('/v1/projects', {
      body: { name: 'cut off', region: 'us-east-1', organization_id: 'org-partition', owner_id: 'o' },
    });
    const projectId = created.data!.project.id;
    const settled = (operationId: string) =>
      waitFor(
        async () => (await viaBeside.GET('/v1/operations/{id}', { params: { path: { id: operationId } } })).data,
        {
          until: (operation) => operation?.status === 'succeeded' || operation?.status === 'failed',
          what: `operation ${operationId} settled`,
          timeoutMs: 60_000,
        },
      );
    expect(await settled(created.data!.operation.id)).toMatchObject({ status: 'succeeded' });

    const key = randomUUID();
    const suspend = (client: ApiClient, signal?: AbortSignal) =>
      client.POST('/v1/projects/{id}/suspend', {
        params: { path: { id: projectId } },
        headers: { 'idempotency-key': key },
        ...(signal === undefined ? {} : { signal }),
      });

    // No request keeps a row for long by itself: another session holds an uncommitted open
    // operation of the project, so the cut-off process's suspend, having locked the project's
    // row and inserted its key's, waits on the one-open-operation index. The link is cut
    // while it waits, then the holder goes: its insert ends on the server, and the answer is
    // lost on the way back. Its transaction is left open, idle, holding both rows.
    const holder = await sql.reserve();
    let first: Promise<Timed<Awaited<ReturnType<typeof suspend>>>>;
    let pid: number;
    let cutAt: number;
    try {
      await holder`begin`;
      await holder`
        insert into control_plane.operations (id, project_id, kind, status, requested_by)
        values (${randomUUID()}, ${projectId}, 'resume', 'queued', 'partition-holder')`;
      first = timed('POST suspend (the key), to the cut-off process', () =>
        suspend(viaCutOff, AbortSignal.timeout(180_000)),
      );
      // Within its lock limit (30 % of the request's): past it the wait would end by itself.
      ({ pid } = await waitFor(
        async () =>
          (
            await sql<{ pid: number }[]>`
              select pid from pg_stat_activity
              where client_addr = ${namespace.farAddress}::inet and wait_event_type = 'Lock'`
          )[0],
        { what: 'the cut-off process’s request waiting, its rows held', timeoutMs: 2000, intervalMs: 10 },
      ));
      namespace.cut();
      cutAt = Date.now();
      await holder`rollback`;
    } finally {
      holder.release();
    }
    await waitFor(
      async () => (await sql<{ state: string }[]>`select state from pg_stat_activity where pid = ${pid}`)[0],
      {
        until: (session) => session?.state === 'idle in transaction',
        what: 'the cut-off session idle in its transaction',
        timeoutMs: 2000,
        intervalMs: 10,
      },
    );
    const probe = await sql
      .begin((tx) => tx`select 1 from control_plane.projects where id = ${projectId} for update nowait`)
      .then(
        () => 'free',
        (error: unknown) => sqlStateOf(error),
      );
    expect(probe, 'the project’s row, held by the cut-off request').toBe('55P03');
    const sessionEnded = waitFor(
      async () => (await sql`select 1 from pg_stat_activity where pid = ${pid}`).length === 0,
      { what: 'the cut-off session ended by the server', timeoutMs: 120_000, intervalMs: 50 },
    ).then(() => Date.now());

    // During the cut, the process on loopback: the same key, another operation of the
    // project, and a read, at once, round after round until the key's request goes through.
    const answers: Timed<unknown>[] = [];
    let accepted: Timed<Awaited<ReturnType<typeof suspend>>> | undefined;
    while (accepted === undefined) {
      expect(Date.now() - cutAt, 'the row still held a minute after the cut').toBeLessThan(60_000);
      const [sameKey, ...others] = await Promise.all([
        timed('POST suspend (the key), on loopback', () => suspend(viaBeside)),
        timed('POST resume (no key), on loopback', () =>
          viaBeside.POST('/v1/projects/{id}/resume', { params: { path: { id: projectId } } }),
        ),
        timed('GET project, on loopback', () =>
          viaBeside.GET('/v1/projects/{id}', { params: { path: { id: projectId } } }),
        ),
      ]);
      for (const answer of [sameKey, ...others]) print(answer, cutAt);
      answers.push(sameKey, ...others);
      if (sameKey.status === 202) accepted = sameKey;
    }
    console.log(
      `partition: the row free ${secondsBetween(cutAt, accepted.answeredAt)} s after the cut (the key's request on loopback went through; the cut-off session ended ${secondsBetween(cutAt, await sessionEnded)} s after the cut)`,
    );
    for (const answer of answers) {
      expect(wellFormed(answer), `${answer.what}: ${answer.status}`).toBe(true);
      expect(answer.ms, answer.what).toBeLessThan(ANSWERED_WITHIN_MS);
    }
    // The server ends a transaction left idle for the API's limit (idle_in_transaction_session_timeout).
    expect((await sessionEnded) - cutAt).toBeLessThan(LIMIT_MS + 2000);

    namespace.heal();
    const healedAt = Date.now();
    // The cut-off request's own client hears late what its process answered it meanwhile.
    const lost = await first;
    print(lost, cutAt);
    console.log(`partition: (heard ${secondsBetween(healedAt, lost.answeredAt)} s after the heal)`);
    expect(wellFormed(lost), `${lost.status}`).toBe(true);

    // The key answers what its one run answered, from either process; the cut-off one may
    // first have a connection the server closed during the cut to find out about (a 503).
    const stored = accepted.result.data!;
    const again = await suspend(viaBeside);
    expect(again.response.status).toBe(202);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(stored);
    let attempts = 0;
    const fromCutOff = await waitFor(
      async () => {
        attempts++;
        return suspend(viaCutOff);
      },
      { until: ({ response }) => response.status !== 503, what: 'the cut-off process answering', timeoutMs: 60_000 },
    );
    console.log(
      `partition: the key asked again of the cut-off process: ${fromCutOff.response.status} (attempt ${attempts}, ${secondsBetween(healedAt, Date.now())} s after the heal)`,
    );
    expect(fromCutOff.response.status).toBe(202);
    expect(fromCutOff.response.headers.get('idempotent-replayed')).toBe('true');
    expect(fromCutOff.data).toEqual(stored);
    const suspensions = await sql<{ id: string }[]>`
      select id from control_plane.operations where project_id = ${projectId} and kind = 'suspend'`;
    expect(suspensions).toEqual([{ id: stored.operation.id }]);

    // The cut-off process lives on and answers; nothing either process started is left open.
    expect(cutOff.child.exitCode).toBeNull();
    expect(cutOff.child.signalCode).toBeNull();
    const read = await viaCutOff.GET('/v1/projects/{id}', { params: { path: { id: projectId } } });
    expect(read.response.status).toBe(200);
    expect(await settled(stored.operation.id)).toMatchObject({ status: 'succeeded' });
    const open = await sql`select id, kind, status from control_plane.operations where status in ('queued', 'running')`;
    expect(open).toEqual([]);
    const idle = await sql`
      select pid from pg_stat_activity where client_addr = ${namespace.farAddress}::inet and state like 'idle in transaction%'`;
    expect(idle).toEqual([]);
  });

  it('a request waiting on an operation (?wait=) is answered within its wait and the limit when the link is cut', async () => {
    const viaBeside = createApiClient({ baseUrl: beside.url, token });
    const viaCutOff = createApiClient({ baseUrl: cutOff.url, token });
    const created = await viaBeside.POST('/v1/projects', {
      body: { name: 'waited on', region: 'us-east-1', organization_id: 'org-partition', owner_id: 'o' },
    });
    const id = created.data!.operation.id;
    // The operation cannot end meanwhile: its row is held here.
    const holder = await sql.reserve();
    const WAIT_MS = 5000;
    try {
      await holder`begin`;
      await holder`select 1 from control_plane.operations where id = ${id} for update`;
      const listening = async () =>
        (
          await sql`select 1 from pg_stat_activity
            where client_addr = ${namespace.farAddress}::inet and query ilike 'listen%operation_ended%'`
        ).length;
      const before = await listening();
      const waiting = timed('GET operation ?wait=5s, to the cut-off process', () =>
        viaCutOff.GET('/v1/operations/{id}', { params: { path: { id }, query: { wait: '5s' } } }),
      );
      // Its first wait opens the process's listener: then the request is waiting.
      await waitFor(listening, {
        until: (n) => n > before,
        what: 'the wait listening',
        timeoutMs: 5000,
        intervalMs: 10,
      });
      namespace.cut();
      const cutAt = Date.now();
      // The answer crosses the cut link too: it reaches this client after the heal. Healed
      // past the wait and the limit, a request still waiting would then read the operation
      // and answer 200; a 503 was sent before the heal.
      await setTimeout(WAIT_MS + ANSWERED_WITHIN_MS);
      namespace.heal();
      const answer = await waiting;
      print(answer, cutAt);
      // The listener's heartbeats stop coming back, the wait reads again, and that read hangs
      // on the cut link: the request's own timer answers it.
      expect(answer.status).toBe(503);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      const expired = cutOff
        .output()
        .split('\n')
        .filter((line) => line.includes('past its limit'))
        .map((line) => (JSON.parse(line) as { time: number }).time)
        .filter((time) => time >= cutAt);
      expect(expired).toHaveLength(1);
      console.log(`partition: the wait answered 503 ${secondsBetween(cutAt, expired[0]!)} s after the cut`);
      expect(expired[0]! - cutAt).toBeLessThan(WAIT_MS + ANSWERED_WITHIN_MS);
    } finally {
      namespace.heal();
      await holder`rollback`;
      holder.release();
    }
  });
});
