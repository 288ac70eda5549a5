import { createApiKeyValue } from '@org/api-keys';
import { createTestDatabase, waitFor, type TestDatabase } from '@org/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminTokenStore } from '../src/auth/admin-token-store.js';
import { migrateApi } from '../src/migrate-api.js';

// The token checks' cache on a real database: bounded, least recently used out first, and
// made-up tokens kept apart from valid ones.
let database: TestDatabase;
let sql: postgres.Sql;
beforeAll(async () => {
  database = await createTestDatabase('api_tokens');
  sql = postgres(database.url, { max: 4, onnotice: () => {} });
  await migrateApi(sql);
});
afterAll(async () => {
  await sql.end({ timeout: 5 });
  await database.drop();
});

describe('AdminTokenStore', () => {
  it('11: a flood of made-up tokens evicts no valid one from the cache', async () => {
    // The cache answers only while the store listens for revocations and is not behind (here
    // by 10 s: a stall of this loop on a busy machine must not send a check to the database).
    const store = new AdminTokenStore(sql, { staleAfterMs: 10_000 });
    const stopListening = await store.listen();
    await waitFor(() => store.trusted, { what: 'the token cache trusted' });
    const valid = await store.create({ name: 'busy', organizationId: null });
    expect(await store.authenticate(valid.token)).toMatchObject({ id: valid.id });
    // Revoked behind the cache's back (no NOTIFY): only a query would see it, so an answer
    // from the cache shows the valid token was kept.
    await sql`update control_plane.api_admin_tokens set revoked_at = now() where id = ${valid.id}`;
    for (let i = 0; i < 11_000; i++) {
      // Well-formed, with a valid checksum: each costs a lookup.
      expect(await store.authenticate(createApiKeyValue('cpadmin'))).toBeUndefined();
      // The busy token is used now and then, as a real client's is.
      if (i % 1000 === 0) expect(await store.authenticate(valid.token)).toMatchObject({ id: valid.id });
    }
    expect(await store.authenticate(valid.token)).toMatchObject({ id: valid.id });
    await stopListening();
  }, 300_000);

  it('answers from memory only for tokens it checked, and refuses malformed ones without a query', async () => {
    const store = new AdminTokenStore(sql, { staleAfterMs: 10_000 });
    const valid = await store.create({ name: 'remembered', organizationId: null });
    const unknown = createApiKeyValue('cpadmin');
    // Refused on sight, listening or not: too long, not a key, a project's key, a typo.
    const refused = [
      'x'.repeat(129),
      `${valid.token}x`,
      'cpadmin',
      createApiKeyValue('tenant'),
      `${valid.token.slice(0, -1)}${valid.token.endsWith('0') ? '1' : '0'}`,
    ];
    for (const token of refused) expect(store.remembered(token)).toBeNull();
    // Not listening for revocations: nothing is answered from memory, well-formed tokens go to the database.
    expect(await store.authenticate(valid.token)).toMatchObject({ id: valid.id });
    expect(store.remembered(valid.token)).toBeUndefined();
    const stopListening = await store.listen();
    try {
      await waitFor(() => store.trusted, { what: 'the token cache trusted' });
      expect(store.remembered(valid.token)).toBeUndefined();
      expect(store.remembered(unknown)).toBeUndefined();
      expect(await store.authenticate(valid.token)).toMatchObject({ id: valid.id });
      expect(await store.authenticate(unknown)).toBeUndefined();
      expect(store.remembered(valid.token)).toMatchObject({ id: valid.id });
      expect(store.remembered(unknown)).toBeNull();
      for (const token of refused) expect(store.remembered(token)).toBeNull();
    } finally {
      await stopListening();
    }
  });

  it('names the tokens that asked for operations, and none for ids that are not its own', async () => {
    const store = new AdminTokenStore(sql);
    const token = await store.create({ name: 'named', organizationId: 'org-a' });
    expect(await store.namesOf([token.id, 'cli', null, token.id])).toEqual(new Map([[token.id, 'named']]));
  });
});
