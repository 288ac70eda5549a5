/**
 * A second process verifying keys through its own store and cache, for the cache's
 * two-process tests: one JSON line in on stdin (`{"key": "..."}`), one out on stdout
 * (`{"result": VerifyResult, "hits": n}`). DATABASE_URL says where the keys are.
 */
import { createInterface } from 'node:readline';
import { createApiKeyStore, openApiKeyCache, verifyApiKey } from '../../src/index.js';

const store = createApiKeyStore({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
const cache = await openApiKeyCache(store);
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const { key } = JSON.parse(line) as { key: string };
  const result = await verifyApiKey(key, { cache, timeoutMs: 500 }, store);
  process.stdout.write(`${JSON.stringify({ result, hits: cache.stats().hits, trusted: cache.trusted })}\n`);
}
await cache.close();
await store.close();
