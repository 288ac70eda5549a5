import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createDbContext } from './db-context.js';
import { startSilentServer } from './testing/start-silent-server.js';

describe('createDbContext', () => {
  it('takes the secret key as bytes or as its base64 or hex text, and refuses a wrong length', async () => {
    const key = randomBytes(32);
    const fromBytes = createDbContext({ databaseUrl: 'postgres://localhost/none', secretKey: key });
    const fromBase64 = createDbContext({ databaseUrl: 'postgres://localhost/none', secretKey: key.toString('base64') });
    const fromHex = createDbContext({ databaseUrl: 'postgres://localhost/none', secretKey: key.toString('hex') });
    const sealed = fromBytes.secrets.seal('a secret', 'bound-to');
    expect(fromBase64.secrets.open(sealed, 'bound-to')).toBe('a secret');
    expect(fromHex.secrets.open(sealed, 'bound-to')).toBe('a secret');
    expect(() =>
      createDbContext({ databaseUrl: 'postgres://localhost/none', secretKey: randomBytes(16).toString('base64') }),
    ).toThrow(/32 bytes/);
    await Promise.all([fromBytes.close(), fromBase64.close(), fromHex.close()]);
  });

  it('a control plane that accepts connections and never answers fails a query after connectTimeoutSeconds', async () => {
    const silent = await startSilentServer();
    const ctx = createDbContext({
      databaseUrl: silent.url,
      secretKey: randomBytes(32),
      connectTimeoutSeconds: 1,
    });
    try {
      const begin = performance.now();
      await expect(ctx.client.sql`select 1`).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT' });
      expect(performance.now() - begin).toBeLessThan(5000);
    } finally {
      silent.close();
      await Promise.all([ctx.client.close(0), ctx.clusters.close()]);
    }
  });
});
