import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, startTcpProxy, waitFor, type TestDatabase } from '@org/db/testing';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyValue,
  generateApiKeys,
  MAX_QUEUED_LOOKUPS,
  migrate,
  revokeApiKey,
  setApiKeysDeleted,
  suspendApiKeys,
  verifyApiKey,
  type ApiKeyStore,
  type VerifyResult,
} from '../src/index.js';

/**
 * Verification's lookups share a query when they queue (src/look-up-key.ts). A pool of 2
 * lets one lookup query be on its way at a time, so what queues behind it is plain to see;
 * the pool counts the lookup queries it sends.
 */
let database: TestDatabase;
let sql: Sql;
let store: ApiKeyStore;
let lookups = 0;
/** How many keys each lookup query carried (padded to a power of two), in the order sent. */
const keysPerLookup: number[] = [];
beforeAll(async () => {
  database = await createTestDatabase('api_key_lookups');
  sql = postgres(database.url, {
    max: 2,
    onnotice: () => {},
    debug: (_connection, query, parameters) => {
      if (!query.includes('from control_plane.api_keys k where k.key_hash')) return;
      lookups++;
      keysPerLookup.push(parameters.length);
    },
  });
  store = { sql, db: drizzle(sql), close: async () => {} };
  await migrate(sql);
});
afterAll(async () => {
  await sql.end();
  await database.drop();
});

let projects = 0;
async function issueKeys(count: number) {
  const projectId = `lookup-project-${++projects}`;
  const keys = await generateApiKeys({ projectId, prefix: 'lk', count }, {}, store);
  return { projectId, keys };
}

describe('concurrent verifications', () => {
  it('go out as one query when they queue, each answered for its own key', async () => {
    const valid = [await issueKeys(10), await issueKeys(10)];
    const revoked = await issueKeys(1);
    await revokeApiKey(revoked.keys[0]!.id, store);
    const suspended = await issueKeys(2);
    await suspendApiKeys(suspended.projectId, store);
    const deleted = await issueKeys(2);
    await setApiKeysDeleted(deleted.projectId, true, store);
    const madeUp = Array.from({ length: 10 }, () => createApiKeyValue('lk'));

    const cases: { key: string; expected: VerifyResult }[] = [
      ...valid.flatMap(({ projectId, keys }) =>
        keys.map((key) => ({
          key: key.key,
          expected: { valid: true as const, key: { id: key.id, projectId, scopes: key.scopes } },
        })),
      ),
      { key: revoked.keys[0]!.key, expected: { valid: false, reason: 'revoked', keyId: revoked.keys[0]!.id } },
      ...suspended.keys.map((key) => ({
        key: key.key,
        expected: { valid: false as const, reason: 'suspended' as const, keyId: key.id },
      })),
      ...deleted.keys.map((key) => ({
        key: key.key,
        expected: { valid: false as const, reason: 'deleted' as const, keyId: key.id },
      })),
      ...madeUp.map((key) => ({ key, expected: { valid: false as const, reason: 'not_found' as const } })),
    ];
    // Interleaved, so a batch's rows coming back in another order would hand answers around.
    cases.sort((a, b) => a.key.localeCompare(b.key));
    const before = lookups;
    const results = await Promise.all(cases.map(({ key }) => verifyApiKey(key, {}, store)));
    expect(results).toEqual(cases.map(({ expected }) => expected));
    // The first went alone; the other 34 queued behind it and went out together.
    expect(lookups - before).toBe(2);
  });

  it('sends a queue longer than one query takes (256 keys) as several, each answered for its own key', async () => {
    const valid = [await issueKeys(10), await issueKeys(10)];
    const cases = [
      ...valid.flatMap(({ projectId, keys }) =>
        keys.map((key) => ({
          key: key.key,
          expected: { valid: true as const, key: { id: key.id, projectId, scopes: key.scopes } },
        })),
      ),
      ...Array.from({ length: 280 }, () => ({
        key: createApiKeyValue('lk'),
        expected: { valid: false as const, reason: 'not_found' as const },
      })),
    ].sort((a, b) => a.key.localeCompare(b.key));
    keysPerLookup.length = 0;
    const results = await Promise.all(cases.map(({ key }) => verifyApiKey(key, {}, store)));
    expect(results).toEqual(cases.map(({ expected }) => expected));
    // The first alone; of the 299 that queued behind it, 256 in one query, the other 43 (padded to 64) in the next.
    expect(keysPerLookup).toEqual([1, 256, 64]);
  });

  it('lets one verification give up without taking the others with it', async () => {
    const { projectId, keys } = await issueKeys(4);
    const gone = new AbortController();
    const before = lookups;
    keysPerLookup.length = 0;
    const answers = keys.map((key, i) => verifyApiKey(key.key, i === 1 ? { signal: gone.signal } : {}, store));
    gone.abort();
    const results = await Promise.all(answers);
    expect(results[1]).toEqual({ valid: false, reason: 'unavailable' });
    for (const i of [0, 2, 3]) {
      expect(results[i]).toEqual({ valid: true, key: { id: keys[i]!.id, projectId, scopes: keys[i]!.scopes } });
    }
    // The one that gave up while queued was left out of the second query: two keys, not four.
    expect(lookups - before).toBe(2);
    expect(keysPerLookup).toEqual([1, 2]);

    // Every verification of a query on its way gives up: the query is cancelled, and the next ones still go.
    const abandoned = new AbortController();
    const first = verifyApiKey(keys[0]!.key, { signal: abandoned.signal }, store);
    abandoned.abort();
    expect(await first).toEqual({ valid: false, reason: 'unavailable' });
    const again = await Promise.all(keys.map((key) => verifyApiKey(key.key, {}, store)));
    expect(again.every((result) => result.valid)).toBe(true);
  });

  it('goes on with a sent query for the verifications still waiting when one of them gives up', async () => {
    const { projectId, keys } = await issueKeys(3);
    // The table locked: a lookup sent now waits in PostgreSQL until the lock goes.
    const locker = await sql.reserve();
    try {
      await locker`begin`;
      await locker`lock table control_plane.api_keys in access exclusive mode`;
      const first = new AbortController();
      const second = new AbortController();
      const answers = [
        verifyApiKey(keys[0]!.key, { signal: first.signal }, store),
        verifyApiKey(keys[1]!.key, { signal: second.signal }, store),
        verifyApiKey(keys[2]!.key, {}, store),
      ];
      // The first gives up: its query is cancelled, and the other two go out together.
      first.abort();
      expect(await answers[0]).toEqual({ valid: false, reason: 'unavailable' });
      // One of those two gives up; their query must go on for the other.
      second.abort();
      expect(await answers[1]).toEqual({ valid: false, reason: 'unavailable' });
      await locker`rollback`;
      expect(await answers[2]).toEqual({ valid: true, key: { id: keys[2]!.id, projectId, scopes: keys[2]!.scopes } });
    } finally {
      // As below: a failure before the rollback must not hand the lock back to the shared pool.
      await locker`rollback`.catch(() => undefined);
      locker.release();
    }
  });

  it('lets the next lookup out past a query that could not stall when it was due, once another comes back', async () => {
    const { keys } = await issueKeys(1);
    const key = keys[0]!.key;
    // A pool of its own: 2 connections, one place for lookups.
    const own = countedPool(database.url);
    const locker = await sql.reserve();
    const patient = new AbortController();
    try {
      await locker`begin`;
      await locker`lock table control_plane.api_keys in access exclusive mode`;
      const options = { timeoutMs: 60_000, signal: patient.signal };
      // The first lookup waits on the lock; past its stall the second goes out, and waits too.
      const first = verifyApiKey(key, options, own.store);
      await sleep(300);
      const second = verifyApiKey(key, options, own.store);
      expect(own.sent()).toBe(2);
      // Due to stall, the second cannot: both connections hold a lookup not come back.
      await sleep(300);
      const third = verifyApiKey(key, options, own.store);
      expect(own.sent()).toBe(2);
      // The first comes back (cancelled in PostgreSQL); the second still waits on the lock.
      const blocked = await waitFor(
        async () =>
          (
            await locker<{ pid: number }[]>`
              select pid from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock' and query like '%k.key_hash%'
              order by query_start limit 1`
          )[0]?.pid,
        { what: 'the first lookup waiting on the lock', timeoutMs: 5_000, intervalMs: 20 },
      );
      await sql`select pg_cancel_backend(${blocked})`;
      expect(await first).toMatchObject({ valid: false, reason: 'unavailable' });
      // Within a stall or two, the second gives its place to the third, which goes out.
      await waitFor(() => own.sent() === 3, { what: 'the queued lookup sent', timeoutMs: 1_000, intervalMs: 10 });
      await locker`rollback`;
      expect(await second).toMatchObject({ valid: true });
      expect(await third).toMatchObject({ valid: true });
    } finally {
      patient.abort();
      // A failure before the rollback must not hand the lock back to the shared pool.
      await locker`rollback`.catch(() => undefined);
      locker.release();
      await own.sql.end();
    }
  });

  it('answers every verification of a failed query unavailable, and sends the next ones', async () => {
    const bare = await createTestDatabase('api_key_lookups_bare');
    const bareSql = postgres(bare.url, { max: 2, onnotice: () => {} });
    const bareStore: ApiKeyStore = { sql: bareSql, db: drizzle(bareSql), close: async () => {} };
    try {
      const key = createApiKeyValue('lk');
      // No table yet: the query fails, for the one sent and the two that queued behind it.
      const failed = await Promise.all([1, 2, 3].map(() => verifyApiKey(key, {}, bareStore)));
      for (const result of failed) {
        expect(result).toMatchObject({ valid: false, reason: 'unavailable' });
        expect(String((result as { error?: unknown }).error)).toMatch(/does not exist/);
      }
      // The two that shared a query get its error without its parameters (each other's key hashes).
      for (const result of failed.slice(1)) {
        const error = (result as { error: object }).error;
        expect('parameters' in error || 'args' in error).toBe(false);
      }
      await migrate(bareSql);
      const answered = await Promise.all([1, 2, 3].map(() => verifyApiKey(key, {}, bareStore)));
      expect(answered).toEqual([1, 2, 3].map(() => ({ valid: false, reason: 'not_found' })));
    } finally {
      await bareSql.end();
      await bare.drop();
    }
  });

  /**
   * Runs `body` against a pool of 2 behind a proxy, both connections open, once the proxy has
   * gone silent as a partition does (a query on its way will not come back, and its cancel
   * cannot reach the server). `sent()` counts the lookups handed to the pool: postgres.js
   * logs a new statement only once the server has described it, which a partition stops.
   */
  async function partitioned(body: (on: ApiKeyStore, key: string, sent: () => number) => Promise<void>) {
    const { keys } = await issueKeys(1);
    const proxy = await startTcpProxy(database.url);
    const cut = countedPool(proxy.url);
    try {
      expect((await verifyApiKey(keys[0]!.key, {}, cut.store)).valid).toBe(true);
      await Promise.all([cut.sql`select pg_sleep(0.05)`, cut.sql`select pg_sleep(0.05)`]);
      proxy.freeze();
      await body(cut.store, keys[0]!.key, cut.sent);
    } finally {
      proxy.thaw();
      await cut.sql.end({ timeout: 0 });
      await proxy.close();
    }
  }

  /**
   * A pool of 2 on `url` as a key store, counting the lookups handed to it (`sent()`):
   * verification's lookups go through `unsafe`.
   */
  function countedPool(url: string): { sql: Sql; store: ApiKeyStore; sent: () => number } {
    const pool = postgres(url, { max: 2, onnotice: () => {} });
    let sent = 0;
    const unsafe = pool.unsafe.bind(pool);
    pool.unsafe = ((...args: Parameters<typeof unsafe>) => {
      sent++;
      return unsafe(...args);
    }) as typeof unsafe;
    return { sql: pool, store: { sql: pool, db: drizzle(pool), close: async () => {} }, sent: () => sent };
  }

  it('gives the place of a query no one waits for any more to the next lookup', async () => {
    await partitioned(async (on, key, sent) => {
      const gone = new AbortController();
      const first = verifyApiKey(key, { signal: gone.signal }, on);
      expect(sent()).toBe(2);
      gone.abort();
      expect(await first).toEqual({ valid: false, reason: 'unavailable' });
      // At once (long before a stall would free it), the next lookup is sent, not queued
      // behind the stuck one: the pool of 2 has one place for lookups.
      const next = verifyApiKey(key, { timeoutMs: 200 }, on);
      expect(sent()).toBe(3);
      expect(await next).toEqual({ valid: false, reason: 'unavailable' });
    });
  });

  it('keeps no more lookups waiting than its bound while the connections hang, and takes more once those waiting give up', async () => {
    await partitioned(async (on, key, sent) => {
      const waiting = new AbortController();
      try {
        // Both connections' lookups stuck (the first, then the next past its stall): the rest queue.
        const stuck = [verifyApiKey(key, { timeoutMs: 60_000, signal: waiting.signal }, on)];
        await sleep(300);
        stuck.push(verifyApiKey(key, { timeoutMs: 60_000, signal: waiting.signal }, on));
        expect(sent()).toBe(3);
        const early = new AbortController();
        const queued = Array.from({ length: MAX_QUEUED_LOOKUPS }, (_, i) =>
          verifyApiKey(key, { timeoutMs: 60_000, signal: i < 10 ? early.signal : waiting.signal }, on),
        );
        // One more is refused at once, with the reason; nothing more was sent. Ten given up do
        // not make room: the queue drops those given up only when they are many.
        early.abort();
        for (const result of await Promise.all(queued.slice(0, 10))) {
          expect(result).toEqual({ valid: false, reason: 'unavailable' });
        }
        const refused = await verifyApiKey(key, { timeoutMs: 60_000 }, on);
        expect(refused).toMatchObject({ valid: false, reason: 'unavailable' });
        expect(String((refused as { error?: unknown }).error)).toMatch(/already wait for the database/);
        expect(sent()).toBe(3);
        // Every waiting verification gives up: the queue is rid of them and takes the next one,
        // which waits for its own limit instead of being refused.
        waiting.abort();
        for (const result of await Promise.all([...stuck, ...queued])) {
          expect(result).toEqual({ valid: false, reason: 'unavailable' });
        }
        expect(await verifyApiKey(key, { timeoutMs: 200 }, on)).toEqual({ valid: false, reason: 'unavailable' });
      } finally {
        waiting.abort();
      }
    });
  });

  it('lets the next lookup out when a query has not come back for a while, whoever still waits on it', async () => {
    await partitioned(async (on, key, sent) => {
      const patient = new AbortController();
      try {
        // A verification that would wait a minute, on a query that will not come back.
        const stuck = verifyApiKey(key, { timeoutMs: 60_000, signal: patient.signal }, on);
        expect(sent()).toBe(2);
        await sleep(300);
        // Past the stall, the next lookup goes out on the pool's other connection.
        const next = verifyApiKey(key, { timeoutMs: 200 }, on);
        expect(sent()).toBe(3);
        expect(await next).toEqual({ valid: false, reason: 'unavailable' });
        patient.abort();
        expect(await stuck).toEqual({ valid: false, reason: 'unavailable' });
      } finally {
        patient.abort();
      }
    });
  });
});
