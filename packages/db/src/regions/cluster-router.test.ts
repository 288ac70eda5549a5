import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePlatformLogin } from '../secrets/platform-login.js';
import { loadSecretKey } from '../secrets/load-secret-key.js';
import { startTcpProxy, type TcpProxy } from '../testing/start-tcp-proxy.js';
import { testDatabaseUrl, testSecretKey } from '../testing/test-database-url.js';
import { waitFor } from '../testing/wait-for.js';
import { singleClusterConfig } from './cluster-config.js';
import { ClusterRouter } from './cluster-router.js';

// Placement and the region check ask `isReachable` before they use a cluster: it must
// answer within its deadline whatever the cluster does, and a cut-off cluster must not
// look reachable, nor a busy one unreachable. A cluster cut off by a partition resets
// nothing: a query on a connection already open is never answered, and TCP gives up on it
// after about 15 minutes.

const platform = derivePlatformLogin(loadSecretKey({ key: testSecretKey() }));

/** How `promise` ended within `ms`, or 'pending'. */
async function within(promise: Promise<unknown>, ms: number): Promise<{ resolved: unknown } | 'pending'> {
  return Promise.race([promise.then((resolved) => ({ resolved })), sleep(ms).then(() => 'pending' as const)]);
}

describe('ClusterRouter.isReachable', () => {
  let proxy: TcpProxy;
  let router: ClusterRouter;

  beforeAll(async () => {
    proxy = await startTcpProxy(new URL(testDatabaseUrl()));
    router = new ClusterRouter(singleClusterConfig(proxy.url, 'proxied'), { platform, connectTimeout: 1, poolSize: 1 });
  });
  afterAll(async () => {
    await router?.close();
    await proxy?.close();
  });

  it('says a cluster that stops answering on an open connection is unreachable, and reachable again once it answers', async () => {
    expect(await router.isReachable('proxied')).toBe(true);
    // The admin pool's connection is open, as a step leaves it.
    await (await router.admin('proxied'))`select 1`;
    proxy.freeze();
    expect(await within(router.isReachable('proxied'), 10_000)).toEqual({ resolved: false });
    expect(await within(router.isReachable('proxied'), 10_000)).toEqual({ resolved: false });
    proxy.thaw();
    await waitFor(() => router.isReachable('proxied'), { what: 'the cluster reachable again', timeoutMs: 20_000 });
  });

  it('says a cluster whose admin connections are all busy is reachable', async () => {
    const admin = await router.admin('proxied');
    // Longer than the deadline (1 s): a probe queued behind it would miss it.
    const busy = admin`select pg_sleep(3)`;
    try {
      expect(await router.isReachable('proxied')).toBe(true);
    } finally {
      await busy;
    }
  });
});
