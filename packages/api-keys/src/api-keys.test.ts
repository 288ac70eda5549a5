import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ApiKeyGenerationError, ProjectNotFoundError, QuotaExceededError, ValidationError } from '@org/errors';
import { createTestDatabase, startSilentServer, type TestDatabase } from '@org/db/testing';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeApiKeyCountSql } from './active-api-key-count-sql.js';
import { createApiKeyValue } from './api-key-format.js';
import { createApiKeyStore, type ApiKeyStore } from './api-key-store.js';
import { apiKeyStoreIn } from './api-key-store-in.js';
import { countActiveKeys, generateApiKeys } from './generate-api-keys.js';
import { getProjectApiKeys } from './get-project-api-keys.js';
import { migrate } from './migrate.js';
import { revokeApiKey } from './revoke-api-key.js';
import { rotateApiKey } from './rotate-api-key.js';
import { resumeApiKeys, setApiKeysDeleted, suspendApiKeys } from './suspend-api-keys.js';
import { apiKeyUsageWriteFailures, verifyApiKey } from './verify-api-key.js';

// A team's own database with nothing but this package's migrations: projects are the
// team's own ids, with no table behind them (the control plane's layer is tested in @org/worker).
let database: TestDatabase;
let ctx: ApiKeyStore;
beforeAll(async () => {
  database = await createTestDatabase('api_keys');
  ctx = createApiKeyStore({ databaseUrl: database.url, poolSize: 10 });
  await migrate(ctx.sql);
});
afterAll(async () => {
  await ctx.close();
  await database.drop();
});

/** A team's project: any id string. */
function teamProject(): { id: string } {
  return { id: `team-project-${randomBytes(4).toString('hex')}` };
}

describe('generate, verify, revoke', () => {
  it('round-trips and says revoked after revocation', async () => {
    const project = teamProject();
    const [key] = await generateApiKeys({ projectId: project.id, prefix: 'nm', name: 'server' }, {}, ctx);
    expect(key).toMatchObject({
      name: 'server',
      prefix: 'nm',
      scopes: ['read', 'write'],
      isActive: true,
      projectId: project.id,
    });
    expect(await verifyApiKey(key!.key, {}, ctx)).toEqual({
      valid: true,
      key: { id: key!.id, projectId: project.id, scopes: ['read', 'write'] },
    });

    expect(await revokeApiKey(key!.id, ctx)).toBe(true);
    expect(await verifyApiKey(key!.key, {}, ctx)).toEqual({ valid: false, reason: 'revoked', keyId: key!.id });
    expect(await getProjectApiKeys(project.id, {}, ctx)).toEqual([]);
    expect(await revokeApiKey(key!.id, ctx)).toBe(true);
    expect(await revokeApiKey('key_missing', ctx)).toBe(false);
  });

  it('says malformed without a query, not_found for an unknown key', async () => {
    const key = createApiKeyValue('nm');
    const typo = key.slice(0, 20) + (key[20] === 'a' ? 'b' : 'a') + key.slice(21);
    // A closed context proves no query is made for a malformed key.
    const closed = createApiKeyStore({ databaseUrl: database.url });
    await closed.close();
    expect(await verifyApiKey(typo, {}, closed)).toEqual({ valid: false, reason: 'malformed' });
    expect(await verifyApiKey('hello', {}, closed)).toEqual({ valid: false, reason: 'malformed' });
    expect(await verifyApiKey(key, {}, ctx)).toEqual({ valid: false, reason: 'not_found' });
  });

  it('expired and insufficient-scope keys are refused', async () => {
    const project = teamProject();
    let now = new Date('2030-01-01T00:00:00Z');
    const clock = { now: () => now };
    const [key] = await generateApiKeys(
      { projectId: project.id, scopes: ['read'], expiresAt: new Date('2030-01-02T00:00:00Z') },
      clock,
      ctx,
    );
    expect((await verifyApiKey(key!.key, { ...clock, requiredScopes: ['read'] }, ctx)).valid).toBe(true);
    expect(await verifyApiKey(key!.key, { ...clock, requiredScopes: ['read', 'write'] }, ctx)).toEqual({
      valid: false,
      reason: 'insufficient_scope',
      keyId: key!.id,
    });
    expect((await getProjectApiKeys(project.id, clock, ctx))[0]).toMatchObject({ isActive: true, state: 'active' });
    now = new Date('2030-01-02T00:00:00Z');
    expect(await verifyApiKey(key!.key, clock, ctx)).toEqual({ valid: false, reason: 'expired', keyId: key!.id });
    // Listed as what it is now: still counted (not revoked), no longer verifying.
    expect((await getProjectApiKeys(project.id, clock, ctx))[0]).toMatchObject({ isActive: true, state: 'expired' });
  });

  it('a database that does not answer: unavailable within the time limit, or at once on abort', async () => {
    // A real server on loopback that accepts connections and never answers: a hung database.
    const silent = await startSilentServer();
    const hung = createApiKeyStore({ databaseUrl: silent.url });
    const key = createApiKeyValue('nm');
    try {
      let begin = performance.now();
      expect(await verifyApiKey(key, { timeoutMs: 300 }, hung)).toEqual({ valid: false, reason: 'unavailable' });
      expect(performance.now() - begin).toBeLessThan(5000); // not the 30 s connect timeout, nor forever
      const aborted = new AbortController();
      begin = performance.now();
      setTimeout(() => aborted.abort(), 50);
      expect(await verifyApiKey(key, { timeoutMs: 60_000, signal: aborted.signal }, hung)).toEqual({
        valid: false,
        reason: 'unavailable',
      });
      expect(performance.now() - begin).toBeLessThan(5000);
      expect(await verifyApiKey(key, { signal: AbortSignal.abort() }, hung)).toEqual({
        valid: false,
        reason: 'unavailable',
      });
    } finally {
      silent.close();
      // Not the pool's 5 s grace: its only connection never got past the handshake.
      await hung.sql.end({ timeout: 0 });
    }
  });

  it('a database error is unavailable too, with the error for the log', async () => {
    const closed = createApiKeyStore({ databaseUrl: database.url });
    await closed.close();
    const verdict = await verifyApiKey(createApiKeyValue('nm'), {}, closed);
    expect(verdict).toMatchObject({ valid: false, reason: 'unavailable', error: expect.any(Error) as unknown });
  });

  it('writes last_used at most once a minute', async () => {
    const project = teamProject();
    let now = new Date('2031-05-01T10:00:00Z');
    const clock = { now: () => now };
    const [key] = await generateApiKeys({ projectId: project.id }, clock, ctx);
    const lastUsed = async () => (await getProjectApiKeys(project.id, {}, ctx))[0]?.lastUsed?.toISOString();
    await verifyApiKey(key!.key, clock, ctx);
    // Written after the answer, off the request path.
    await expect.poll(lastUsed).toBe('2031-05-01T10:00:00.000Z');
    now = new Date('2031-05-01T10:00:59Z');
    await verifyApiKey(key!.key, clock, ctx);
    expect(await lastUsed()).toBe('2031-05-01T10:00:00.000Z');
    now = new Date('2031-05-01T10:01:00Z');
    await verifyApiKey(key!.key, clock, ctx);
    await expect.poll(lastUsed).toBe('2031-05-01T10:01:00.000Z');
  });

  it('a valid key verifies even when its last_used write fails; the failure is counted and reported', async () => {
    const project = teamProject();
    const [key] = await generateApiKeys({ projectId: project.id }, {}, ctx);
    // A trigger that refuses this key's usage writes, as a full disk or a lost lock would.
    const fn = `fail_usage_${key!.id.replaceAll('-', '_')}`;
    await ctx.sql.unsafe(
      `create function control_plane.${fn}() returns trigger language plpgsql as $$ begin
         if new.id = '${key!.id}' and new.last_used is distinct from old.last_used then
           raise exception 'usage write refused'; end if; return new; end $$;
       create trigger ${fn} before update on control_plane.api_keys for each row execute function control_plane.${fn}()`,
    );
    try {
      const before = apiKeyUsageWriteFailures();
      const reported: string[] = [];
      const result = await verifyApiKey(key!.key, { onUsageWriteError: (_error, id) => reported.push(id) }, ctx);
      expect(result).toMatchObject({ valid: true, key: { id: key!.id } });
      await expect.poll(() => reported).toEqual([key!.id]);
      expect(apiKeyUsageWriteFailures()).toBe(before + 1);
    } finally {
      await ctx.sql.unsafe(`drop trigger ${fn} on control_plane.api_keys; drop function control_plane.${fn}()`);
    }
  });
});

describe('suspendApiKeys / resumeApiKeys', () => {
  it('suspends every key of the project, those issued meanwhile too, and gives each its state back', async () => {
    const project = teamProject();
    const other = teamProject();
    const [kept, revoked] = await generateApiKeys({ projectId: project.id, count: 2 }, {}, ctx);
    const [neighbour] = await generateApiKeys({ projectId: other.id }, {}, ctx);
    expect(await suspendApiKeys(project.id, ctx)).toBe(true);
    expect(await suspendApiKeys(project.id, ctx)).toBe(false);
    const [issuedWhileSuspended] = await generateApiKeys({ projectId: project.id }, {}, ctx);
    for (const key of [kept!, issuedWhileSuspended!]) {
      expect(await verifyApiKey(key.key, {}, ctx)).toEqual({ valid: false, reason: 'suspended', keyId: key.id });
    }
    expect((await verifyApiKey(neighbour!.key, {}, ctx)).valid).toBe(true);
    expect(new Set((await getProjectApiKeys(project.id, {}, ctx)).map((key) => key.state))).toEqual(
      new Set(['suspended']),
    );
    // Revoked while suspended: revoked it stays.
    await revokeApiKey(revoked!.id, ctx);
    expect(await resumeApiKeys(project.id, ctx)).toBe(true);
    expect(await resumeApiKeys(project.id, ctx)).toBe(false);
    expect((await verifyApiKey(kept!.key, {}, ctx)).valid).toBe(true);
    expect((await verifyApiKey(issuedWhileSuspended!.key, {}, ctx)).valid).toBe(true);
    expect(await verifyApiKey(revoked!.key, {}, ctx)).toEqual({ valid: false, reason: 'revoked', keyId: revoked!.id });
  });
});

describe('setApiKeysDeleted', () => {
  const reasonOf = async (key: string) => {
    const result = await verifyApiKey(key, {}, ctx);
    return result.valid ? 'valid' : result.reason;
  };

  it('holds a deleted project’s keys as `deleted` and gives back exactly what they were', async () => {
    const active = teamProject();
    const suspended = teamProject();
    const [activeKey] = await generateApiKeys({ projectId: active.id }, {}, ctx);
    const [suspendedKey] = await generateApiKeys({ projectId: suspended.id }, {}, ctx);
    await suspendApiKeys(suspended.id, ctx);
    for (const project of [active, suspended]) {
      expect(await setApiKeysDeleted(project.id, true, ctx)).toBe(true);
      expect(await setApiKeysDeleted(project.id, true, ctx)).toBe(false);
    }
    expect(await reasonOf(activeKey!.key)).toBe('deleted');
    expect(await reasonOf(suspendedKey!.key)).toBe('deleted');
    expect((await getProjectApiKeys(active.id, {}, ctx)).map((key) => key.state)).toEqual(['deleted']);
    // Resuming a deleted project's keys does not bring them back: the deletion still holds.
    await resumeApiKeys(suspended.id, ctx);
    expect(await reasonOf(suspendedKey!.key)).toBe('deleted');
    await suspendApiKeys(suspended.id, ctx);
    for (const project of [active, suspended]) {
      expect(await setApiKeysDeleted(project.id, false, ctx)).toBe(true);
      expect(await setApiKeysDeleted(project.id, false, ctx)).toBe(false);
    }
    expect(await reasonOf(activeKey!.key)).toBe('valid');
    expect(await reasonOf(suspendedKey!.key)).toBe('suspended');
    // The row goes with the last hold.
    await resumeApiKeys(suspended.id, ctx);
    const rows = await ctx.sql`
      select 1 from control_plane.api_key_suspensions where project_id in (${active.id}, ${suspended.id})`;
    expect(rows).toHaveLength(0);
    expect(await reasonOf(suspendedKey!.key)).toBe('valid');
  });
});

describe('rotateApiKey', () => {
  it('keeps the old key valid during the grace period and not after', async () => {
    const project = teamProject();
    let now = new Date('2032-03-01T12:00:00Z');
    const clock = { now: () => now };
    const [old] = await generateApiKeys({ projectId: project.id, name: 'ci', scopes: ['read', 'admin'] }, clock, ctx);
    const rotated = await rotateApiKey(old!.id, { graceSeconds: 3600, ...clock }, ctx);
    expect(rotated).toMatchObject({ name: 'ci', scopes: ['read', 'admin'], prefix: old!.prefix });
    expect(rotated.key).not.toBe(old!.key);

    now = new Date('2032-03-01T12:59:59Z');
    expect((await verifyApiKey(old!.key, clock, ctx)).valid).toBe(true);
    expect((await verifyApiKey(rotated.key, clock, ctx)).valid).toBe(true);
    now = new Date('2032-03-01T13:00:00Z');
    expect(await verifyApiKey(old!.key, clock, ctx)).toEqual({ valid: false, reason: 'rotated', keyId: old!.id });
    // Both made at the same instant of the test clock: compare by id, not by listing order.
    const listed = await getProjectApiKeys(project.id, clock, ctx);
    expect(Object.fromEntries(listed.map((key) => [key.id, key.state]))).toEqual({
      [old!.id]: 'rotated',
      [rotated.id]: 'active',
    });
    expect((await verifyApiKey(rotated.key, clock, ctx)).valid).toBe(true);
    await expect(rotateApiKey(old!.id, {}, ctx)).rejects.toMatchObject({ code: 'API_KEY_NOT_FOUND' });
  });

  it('works at the quota: the rotated key stops counting', async () => {
    const project = teamProject();
    const keys = await generateApiKeys({ projectId: project.id, count: 10 }, {}, ctx);
    await rotateApiKey(keys[0]!.id, { graceSeconds: 60 }, ctx);
    expect(await countActiveKeys(project.id, ctx)).toBe(10);
  });
});

describe('apiKeyStoreIn', () => {
  it('writes in the caller’s transaction: seen only inside it until it commits, gone if it rolls back', async () => {
    const project = teamProject();
    const [kept, revoked] = await generateApiKeys({ projectId: project.id, count: 2 }, {}, ctx);
    const states = async () =>
      Object.fromEntries(
        (await getProjectApiKeys(project.id, { includeRevoked: true }, ctx)).map((key) => [key.id, key.state]),
      );
    const before = await states();

    const rollBack = new Error('the caller’s next write failed');
    let issuedThenRolledBack: string | undefined;
    const refused = await ctx.sql
      .begin(async (tx) => {
        const store = apiKeyStoreIn(tx);
        const [issued] = await generateApiKeys({ projectId: project.id }, {}, store);
        issuedThenRolledBack = issued!.key;
        await rotateApiKey(kept!.id, {}, store);
        await revokeApiKey(revoked!.id, store);
        expect((await getProjectApiKeys(project.id, {}, store)).map((key) => key.id)).toContain(issued!.id);
        expect(await states()).toEqual(before); // not yet outside it
        throw rollBack;
      })
      .catch((error: unknown) => error);
    expect(refused).toBe(rollBack);
    expect(await states()).toEqual(before);
    expect(await verifyApiKey(issuedThenRolledBack!, {}, ctx)).toEqual({ valid: false, reason: 'not_found' });

    const rotated = await ctx.sql.begin(async (tx) => {
      const store = apiKeyStoreIn(tx);
      const key = await rotateApiKey(kept!.id, {}, store);
      await revokeApiKey(revoked!.id, store);
      return key;
    });
    expect(await states()).toEqual({ [kept!.id]: 'rotated', [revoked!.id]: 'revoked', [rotated.id]: 'active' });
    expect((await verifyApiKey(rotated.key, {}, ctx)).valid).toBe(true);
  });
});

describe('activeApiKeyCountSql', () => {
  it('counts what the quota counts: not revoked, rotated out or expired keys; suspended ones do count', async () => {
    const project = teamProject();
    const other = teamProject();
    const [, revoked, rotatedOut] = await generateApiKeys({ projectId: project.id, count: 3 }, {}, ctx);
    await revokeApiKey(revoked!.id, ctx);
    await rotateApiKey(rotatedOut!.id, { graceSeconds: 3600 }, ctx); // verifies for an hour, counts no more
    // Expired by the database's clock: issued by a clock in the past, with a day to live.
    const then = new Date('2020-01-01T00:00:00Z');
    await generateApiKeys({ projectId: project.id, expiresAt: '2020-01-02T00:00:00Z' }, { now: () => then }, ctx);
    await generateApiKeys({ projectId: other.id, count: 2 }, {}, ctx);
    await suspendApiKeys(other.id, ctx);

    // Counted beside a column of the caller's statement, and for a value.
    const sql = ctx.sql;
    const counts = await sql<{ id: string; n: number }[]>`
      select owner.id, ${activeApiKeyCountSql(sql, sql`owner.id`)} as n
      from (values (${project.id}), (${other.id}), ('nobody')) as owner (id)`;
    expect(Object.fromEntries(counts.map((row) => [row.id, row.n]))).toEqual({
      [project.id]: 2, // the first key and the rotation's new one
      [other.id]: 2,
      nobody: 0,
    });
    const [one] = await sql<{ n: number }[]>`select ${activeApiKeyCountSql(sql, sql`${project.id}`)} as n`;
    expect(one!.n).toBe(2);
    expect(await countActiveKeys(project.id, ctx)).toBe(2);

    // The quota trigger agrees: 8 more fit, the 9th does not.
    await generateApiKeys({ projectId: project.id, count: 8 }, {}, ctx);
    await expect(generateApiKeys({ projectId: project.id }, {}, ctx)).rejects.toSatisfy((error: unknown) =>
      QuotaExceededError.is(error),
    );
  });
});

describe('quota', () => {
  it('20 concurrent generations near the quota end with exactly 10 active keys', async () => {
    const project = teamProject();
    await generateApiKeys({ projectId: project.id, count: 7 }, {}, ctx);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => generateApiKeys({ projectId: project.id, count: 1 }, {}, ctx)),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused.every((o) => QuotaExceededError.is(o.reason))).toBe(true);
    expect(await countActiveKeys(project.id, ctx)).toBe(10);
    expect(await getProjectApiKeys(project.id, {}, ctx)).toHaveLength(10);
  });

  it('a call that would exceed it creates none of its keys', async () => {
    const project = teamProject();
    await generateApiKeys({ projectId: project.id, count: 8 }, {}, ctx);
    const error: unknown = await generateApiKeys({ projectId: project.id, count: 3 }, {}, ctx).catch((e: unknown) => e);
    expect(QuotaExceededError.is(error)).toBe(true);
    expect(error).toMatchObject({ limit: 10, current: 8, requested: 3 });
    expect((error as Error).message).toContain('3 more requested');
    expect(await countActiveKeys(project.id, ctx)).toBe(8);
  });

  it('inside a caller’s transaction, a refusal names the keys in use, and the transaction goes on', async () => {
    const project = teamProject();
    await generateApiKeys({ projectId: project.id, count: 3 }, {}, ctx);
    const outcome = await ctx.sql.begin(async (tx) => {
      const inTransaction = apiKeyStoreIn(tx);
      const error: unknown = await generateApiKeys({ projectId: project.id, count: 8 }, {}, inTransaction).catch(
        (e: unknown) => e,
      );
      // The caller's transaction still answers, as the API's does after the refusal.
      return { error, active: await countActiveKeys(project.id, inTransaction) };
    });
    expect(QuotaExceededError.is(outcome.error)).toBe(true);
    expect(outcome.error).toMatchObject({ limit: 10, current: 3, requested: 8 });
    expect((outcome.error as Error).message).toBe('Quota exceeded for api_keys: 3 of 10 in use, 8 more requested');
    expect(outcome.active).toBe(3);
  });

  it('the database refuses an 11th active key from any writer', async () => {
    const project = teamProject();
    await generateApiKeys({ projectId: project.id, count: 10 }, {}, ctx);
    await expect(
      ctx.sql`insert into control_plane.api_keys (id, project_id, key_hash, key_prefix, key_start, name)
                     values ('key_manual', ${project.id}, 'h', 'pk', 's', 'manual')`,
    ).rejects.toMatchObject({ code: '23514', constraint_name: 'api_keys_active_quota' });
  });
});

describe('bad input', () => {
  it('names every invalid field and writes nothing', async () => {
    const project = teamProject();
    const error: unknown = await generateApiKeys(
      // @ts-expect-error: wrong types on purpose
      { projectId: project.id, count: 11, prefix: 'No_Good', scopes: ['read', 'root'], name: '' },
      {},
      ctx,
    ).catch((e: unknown) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual([
      'count',
      'name',
      'prefix',
      'scopes.1',
    ]);
    await expect(generateApiKeys({ projectId: project.id, count: 0 }, {}, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(generateApiKeys({ projectId: '' }, {}, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(
      generateApiKeys({ projectId: project.id, expiresAt: new Date(Date.now() - 1000) }, {}, ctx),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await getProjectApiKeys(project.id, { includeRevoked: true }, ctx)).toEqual([]);
    expect(ApiKeyGenerationError.is(new ApiKeyGenerationError('x'))).toBe(true);
  });
});

describe('secrets at rest', () => {
  it('no column of the table holds a generated key', async () => {
    const project = teamProject();
    const keys = await generateApiKeys({ projectId: project.id, count: 5, prefix: 'sec' }, {}, ctx);
    await rotateApiKey(keys[0]!.id, { graceSeconds: 10 }, ctx);
    const rows = await ctx.sql`select * from control_plane.api_keys where project_id = ${project.id}`;
    const everything = JSON.stringify(rows);
    for (const { key } of keys) {
      expect(everything).not.toContain(key);
      // Not even the secret part on its own.
      expect(everything).not.toContain(key.split('_')[2]!.slice(0, 32));
    }
    const listed = JSON.stringify(await getProjectApiKeys(project.id, { includeRevoked: true }, ctx));
    expect(listed).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe('a team’s own Drizzle client and projects table', () => {
  it('runs on the team’s pool; a foreign key of theirs makes an unknown project a ProjectNotFoundError', async () => {
    const teamDatabase = await createTestDatabase('api_keys_team');
    const client = postgres(teamDatabase.url, { max: 2, onnotice: () => {} });
    const store = createApiKeyStore({ db: drizzle(client) });
    try {
      await migrate(client);
      await client.unsafe(`
        create table team_projects (id text primary key);
        insert into team_projects values ('alpha');
        alter table control_plane.api_keys add foreign key (project_id) references team_projects (id)`);
      const [key] = await generateApiKeys({ projectId: 'alpha', expiresAt: '2099-01-01T00:00:00Z' }, {}, store);
      expect(key!.expiresAt).toEqual(new Date('2099-01-01T00:00:00Z'));
      expect(await verifyApiKey(key!.key, {}, store)).toMatchObject({ valid: true, key: { projectId: 'alpha' } });
      await expect(generateApiKeys({ projectId: 'beta' }, {}, store)).rejects.toSatisfy((e: unknown) =>
        ProjectNotFoundError.is(e),
      );
      // The team's pool is theirs: closing the store leaves it open.
      await store.close();
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
      await teamDatabase.drop();
    }
  });
});
