import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, startTcpProxy, waitFor, type TestDatabase } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiKeyStore,
  createApiKeyValue,
  generateApiKeys,
  migrate,
  openApiKeyCache,
  resumeApiKeys,
  revokeApiKey,
  rotateApiKey,
  setApiKeysDeleted,
  suspendApiKeys,
  verifyApiKey,
  type ApiKeyCache,
  type ApiKeyCacheOptions,
  type ApiKeyStore,
} from '../src/index.js';
import { startVerifierProcess, type VerifierProcess } from './support/start-verifier-process.js';

/** The cache's default bound: how stale a cached answer may be. */
const STALE_AFTER_MS = 1000;

let database: TestDatabase;
let store: ApiKeyStore;
beforeAll(async () => {
  database = await createTestDatabase('api_key_cache');
  store = createApiKeyStore({ databaseUrl: database.url, poolSize: 4 });
  await migrate(store.sql);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

let projects = 0;
async function issueKey(options: { scopes?: ('read' | 'write')[] } = {}) {
  const projectId = `cache-project-${++projects}`;
  const [key] = await generateApiKeys({ projectId, prefix: 'nm', ...options }, {}, store);
  return { projectId, id: key!.id, key: key!.key };
}

async function openTrusted(on: ApiKeyStore, options: ApiKeyCacheOptions = {}): Promise<ApiKeyCache> {
  const cache = await openApiKeyCache(on, options);
  await waitFor(() => cache.trusted, { what: 'the cache trusted' });
  return cache;
}

describe('in one process', () => {
  it('answers from memory while trusted, judging scopes and expiry on every call', async () => {
    const cache = await openTrusted(store);
    try {
      const { id, projectId, key } = await issueKey({ scopes: ['read'] });
      const valid = { valid: true, key: { id, projectId, scopes: ['read'] } };
      expect(await verifyApiKey(key, { cache }, store)).toEqual(valid);
      const before = cache.stats().hits;
      expect(await verifyApiKey(key, { cache }, store)).toEqual(valid);
      expect(await verifyApiKey(key, { cache, requiredScopes: ['write'] }, store)).toEqual({
        valid: false,
        reason: 'insufficient_scope',
        keyId: id,
      });
      expect(cache.stats().hits).toBe(before + 2);
      // The first verification wrote last_used (at most once a minute per key and process).
      await waitFor(
        async () =>
          (
            await store.sql<{ last_used: Date | null }[]>`select last_used from control_plane.api_keys where id = ${id}`
          )[0]!.last_used,
        { what: 'last_used written' },
      );
    } finally {
      await cache.close();
    }
  });

  it('keeps a real key through a flood of 10,000 made-up ones', async () => {
    // The flood's queries may hold up the heartbeats on a busy machine: a lapse would empty
    // the cache, which is not what this test is about.
    const cache = await openTrusted(store, { staleAfterMs: 10_000 });
    try {
      const { key } = await issueKey();
      expect((await verifyApiKey(key, { cache }, store)).valid).toBe(true);
      for (let i = 0; i < 10_000; i += 100) {
        const batch = Array.from({ length: 100 }, () => createApiKeyValue('nm'));
        const results = await Promise.all(batch.map((madeUp) => verifyApiKey(madeUp, { cache }, store)));
        expect(results.every((result) => !result.valid && result.reason === 'not_found')).toBe(true);
      }
      expect(cache.stats().unknownKeys).toBeLessThanOrEqual(1000);
      await waitFor(() => cache.trusted, { what: 'the cache trusted after the flood' });
      const hits = cache.stats().hits;
      expect((await verifyApiKey(key, { cache }, store)).valid).toBe(true);
      expect(cache.stats().hits).toBe(hits + 1);
    } finally {
      await cache.close();
    }
  });

  it('refuses bad options and a transaction', async () => {
    await expect(openApiKeyCache(store, { staleAfterMs: 0 })).rejects.toThrow(/staleAfterMs/);
    await store.sql.begin(async (tx) => {
      await expect(openApiKeyCache({ sql: tx, db: store.db })).rejects.toThrow(/transaction/);
    });
  });
});

describe('a change reaches a second process within the bound', () => {
  let verifier: VerifierProcess;
  beforeAll(async () => {
    verifier = await startVerifierProcess(database.url);
  });
  afterAll(async () => {
    await verifier.stop();
  });

  /** Verifies `key` on the second process until an answer comes from its cache. */
  async function cachedThere(key: string) {
    await waitFor(async () => (await verifier.verify(key)).trusted, { what: 'the second process trusting its cache' });
    const first = await verifier.verify(key);
    const second = await verifier.verify(key);
    expect(second.hits).toBe(first.hits + 1);
    expect(second.result.valid).toBe(true);
  }

  /** After `change` commits and the bound passes, the second process no longer says valid. */
  async function refusedThereAfter(key: string, change: () => Promise<unknown>, reason: string) {
    await cachedThere(key);
    await change();
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result).toMatchObject({ valid: false, reason });
  }

  it('revocation', async () => {
    const { id, key } = await issueKey();
    await refusedThereAfter(key, () => revokeApiKey(id, store), 'revoked');
  });

  it('suspension, and the key is back after the resume', async () => {
    const { projectId, key } = await issueKey();
    await refusedThereAfter(key, () => suspendApiKeys(projectId, store), 'suspended');
    await resumeApiKeys(projectId, store);
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result.valid).toBe(true);
  });

  it('deletion and recovery, also of a suspended project (the hold is then updated, not inserted)', async () => {
    const { projectId, key } = await issueKey();
    await refusedThereAfter(key, () => setApiKeysDeleted(projectId, true, store), 'deleted');
    await setApiKeysDeleted(projectId, false, store);
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result.valid).toBe(true);
    // Suspended, and its refusal held in the second process's cache.
    await suspendApiKeys(projectId, store);
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result).toMatchObject({ valid: false, reason: 'suspended' });
    expect((await verifier.verify(key)).result).toMatchObject({ valid: false, reason: 'suspended' });
    await setApiKeysDeleted(projectId, true, store);
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result).toMatchObject({ valid: false, reason: 'deleted' });
    await setApiKeysDeleted(projectId, false, store);
    await sleep(STALE_AFTER_MS);
    expect((await verifier.verify(key)).result).toMatchObject({ valid: false, reason: 'suspended' });
  });

  it('the end of a rotation', async () => {
    const { id, key } = await issueKey();
    await refusedThereAfter(key, () => rotateApiKey(id, { graceSeconds: 0 }, store), 'rotated');
  });

  it('deletion of the key', async () => {
    const { id, key } = await issueKey();
    await refusedThereAfter(key, () => store.sql`delete from control_plane.api_keys where id = ${id}`, 'not_found');
  });
});

describe('a cut notification connection', () => {
  it('stops cached answers within the bound, and a change made meanwhile is not missed', async () => {
    const proxy = await startTcpProxy(database.url);
    const cut = createApiKeyStore({ databaseUrl: proxy.url, poolSize: 2 });
    const cache = await openTrusted(cut);
    try {
      const { id, key } = await issueKey();
      expect((await verifyApiKey(key, { cache, timeoutMs: 300 }, cut)).valid).toBe(true);
      const hits = cache.stats().hits;
      expect((await verifyApiKey(key, { cache, timeoutMs: 300 }, cut)).valid).toBe(true);
      expect(cache.stats().hits).toBe(hits + 1);
      proxy.freeze();
      await revokeApiKey(id, store);
      await sleep(STALE_AFTER_MS);
      expect(cache.trusted).toBe(false);
      // Not from memory (the key would still be there): from the database, which is cut off.
      expect(await verifyApiKey(key, { cache, timeoutMs: 300 }, cut)).toEqual({ valid: false, reason: 'unavailable' });
      proxy.thaw();
      await waitFor(() => cache.trusted, { what: 'the cache trusted after the heal', timeoutMs: 60_000 });
      expect(await verifyApiKey(key, { cache, timeoutMs: 2000 }, cut)).toEqual({
        valid: false,
        reason: 'revoked',
        keyId: id,
      });
    } finally {
      await cache.close();
      await cut.close();
      await proxy.close();
    }
  });

  it('empties the cache when the listening session is ended and comes back', async () => {
    const cache = await openTrusted(store);
    try {
      const { id, key } = await issueKey();
      expect((await verifyApiKey(key, { cache }, store)).valid).toBe(true);
      // End the session that listens, then revoke before it is back: the message is lost.
      const ended = await store.sql`
        select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`;
      expect(ended.length).toBeGreaterThan(0);
      await revokeApiKey(id, store);
      await sleep(STALE_AFTER_MS);
      await waitFor(() => cache.trusted, { what: 'the cache trusted again', timeoutMs: 60_000 });
      expect(await verifyApiKey(key, { cache }, store)).toEqual({ valid: false, reason: 'revoked', keyId: id });
    } finally {
      await cache.close();
    }
  });
});
