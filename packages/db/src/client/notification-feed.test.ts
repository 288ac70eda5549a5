import { setTimeout as sleep } from 'node:timers/promises';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../testing/start-tcp-proxy.js';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { waitFor } from '../testing/wait-for.js';
import { openNotificationFeed } from './notification-feed.js';

const STALE_AFTER_MS = 400;

let proxy: TcpProxy;
let direct: Sql;
beforeAll(async () => {
  proxy = await startTcpProxy(testDatabaseUrl());
  direct = postgres(testDatabaseUrl(), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await direct.end();
  await proxy.close();
});

describe('NotificationFeed', () => {
  it('delivers messages but not heartbeats, is trusted while they come back, and says when it may have missed some', async () => {
    const sql = postgres(proxy.url, { max: 2, onnotice: () => {} });
    const messages: string[] = [];
    let gaps = 0;
    const feed = await openNotificationFeed(sql, 'feed_test', {
      staleAfterMs: STALE_AFTER_MS,
      onMessage: (payload) => messages.push(payload),
      onGap: () => gaps++,
    });
    try {
      await waitFor(() => feed.trusted, { what: 'the feed trusted' });
      await direct`select pg_notify('feed_test', 'one')`;
      await waitFor(() => messages.length > 0, { what: 'the message delivered' });
      await sleep(STALE_AFTER_MS);
      expect(messages).toEqual(['one']);
      expect(feed.trusted).toBe(true);

      // Silent both ways, as a partition: within the bound, no longer trusted.
      proxy.freeze();
      await direct`select pg_notify('feed_test', 'two')`;
      await sleep(STALE_AFTER_MS + 50);
      expect(feed.trusted).toBe(false);
      const before = gaps;
      proxy.thaw();
      await waitFor(() => feed.trusted, { what: 'the feed trusted after the heal', timeoutMs: 60_000 });
      expect(gaps).toBeGreaterThan(before);
      // Sent during the silence: either delivered after it (the connection held) or
      // announced as a gap (it did not); here the connection held.
      await waitFor(() => messages.includes('two'), { what: 'the message sent during the silence' });
    } finally {
      await feed.close();
      await sql.end();
    }
    expect(feed.trusted).toBe(false);
  });

  it('closes within its bound while the server does not answer, as in a partition', async () => {
    const silent = await startTcpProxy(testDatabaseUrl());
    const sql = postgres(silent.url, { max: 2, onnotice: () => {} });
    const patience = new AbortController();
    try {
      const feed = await openNotificationFeed(sql, 'feed_close_test', {
        staleAfterMs: STALE_AFTER_MS,
        onMessage: () => {},
        onGap: () => {},
      });
      await waitFor(() => feed.trusted, { what: 'the feed trusted' });
      silent.freeze();
      // Its UNLISTEN is never answered: before the bound, close waited for as long as the
      // silence lasted. With it, close returns after 2 s (5 s leaves room for a slow machine).
      const closed = await Promise.race([
        feed.close().then(() => 'closed'),
        sleep(5_000, 'hung', { signal: patience.signal }).catch(() => 'hung'),
      ]);
      expect(closed).toBe('closed');
      expect(feed.trusted).toBe(false);
    } finally {
      patience.abort();
      await sql.end({ timeout: 0 });
      await silent.close();
    }
  });
});
