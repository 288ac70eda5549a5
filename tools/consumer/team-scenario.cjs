// A team's service using @org/api-keys and @org/retry from their published tarballs, in an
// empty project, against its own database: run by tools/consumer/check-consumer.ts as
// `node team-scenario.cjs` (require) and `node team-scenario.mjs` (import). Each step
// asserts; any failure exits non-zero. Plain JavaScript: this is what a consumer runs.
'use strict';
const assert = require('node:assert/strict');
const net = require('node:net');

/** @param {{ apiKeys: typeof import('@org/api-keys'), retry: typeof import('@org/retry') }} modules */
async function runTeamScenario({ apiKeys, retry }, label) {
  const { createApiKeyStore, generateApiKeys, migrate, revokeApiKey, rotateApiKey, verifyApiKey } = apiKeys;
  const store = createApiKeyStore({ databaseUrl: process.env.TEAM_DATABASE_URL, connectTimeoutSeconds: 2 });
  const step = (what) => console.log(`${label}: ${what}`);
  try {
    await migrate(store.sql);
    const reader = createApiKeyStore({ databaseUrl: process.env.READER_URL });
    try {
      const [row] = await reader.sql`select current_user as who`;
      assert.equal(row.who, process.env.READER_ROLE);
    } finally {
      await reader.close();
    }
    step('migrated; the team’s read-only role still connects');

    const owner = `team-project-${label}`;
    const [good, revoked] = await generateApiKeys({ projectId: owner, count: 2, prefix: 'team' }, {}, store);
    const past = new Date(Date.now() - 3600_000);
    const [expired] = await generateApiKeys(
      { projectId: owner, expiresAt: new Date(past.getTime() + 60_000).toISOString() },
      { now: () => past },
      store,
    );
    assert.deepEqual(await verifyApiKey(good.key, { requiredScopes: ['read'] }, store), {
      valid: true,
      key: { id: good.id, projectId: owner, scopes: ['read', 'write'] },
    });
    assert.equal(await revokeApiKey(revoked.id, store), true);
    assert.deepEqual(await verifyApiKey(revoked.key, {}, store), {
      valid: false,
      reason: 'revoked',
      keyId: revoked.id,
    });
    assert.deepEqual(await verifyApiKey(expired.key, {}, store), {
      valid: false,
      reason: 'expired',
      keyId: expired.id,
    });
    assert.deepEqual(await verifyApiKey('not a key', {}, store), { valid: false, reason: 'malformed' });
    const last = good.key.at(-1) === '0' ? '1' : '0';
    assert.deepEqual(await verifyApiKey(good.key.slice(0, -1) + last, {}, store), {
      valid: false,
      reason: 'malformed',
    });
    assert.deepEqual(await verifyApiKey(apiKeys.createApiKeyValue('team'), {}, store), {
      valid: false,
      reason: 'not_found',
    });
    step('issued; verified good, revoked, expired, malformed, tampered and unknown keys');

    const next = await rotateApiKey(good.id, {}, store);
    assert.equal((await verifyApiKey(next.key, {}, store)).valid, true);
    assert.deepEqual(await verifyApiKey(good.key, {}, store), { valid: false, reason: 'rotated', keyId: good.id });
    step('rotated: the new key verifies, the old one says rotated');

    let calls = 0;
    const value = await retry.withRetry(
      () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
        return 'done';
      },
      { maxAttempts: 3, initialDelay: 10 },
    );
    assert.equal(value, 'done');
    assert.equal(calls, 3);
    step('withRetry retried a connection reset twice');

    // A database host that accepts connections and never answers.
    const silent = net.createServer(() => {});
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hung = createApiKeyStore({ databaseUrl: `postgres://team@127.0.0.1:${silent.address().port}/team` });
    try {
      const begin = Date.now();
      const verdict = await verifyApiKey(next.key, { timeoutMs: 500 }, hung);
      const took = Date.now() - begin;
      assert.equal(verdict.reason, 'unavailable');
      assert.ok(took < 3000, `unavailable took ${took} ms`);
      step(`database unreachable: unavailable in ${took} ms (limit 500 ms)`);
    } finally {
      hung.sql.end({ timeout: 0 }).catch(() => {});
      silent.close();
    }
  } finally {
    await store.close();
  }
}

module.exports = { runTeamScenario };

if (require.main === module) {
  runTeamScenario({ apiKeys: require('@org/api-keys'), retry: require('@org/retry') }, 'cjs').then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
