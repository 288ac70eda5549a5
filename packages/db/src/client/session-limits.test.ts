import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { createTestDbContext } from '../testing/create-test-db-context.js';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { withPlatformSession } from '../tenant/open-platform-session.js';
import { createControlPlaneClient } from './control-plane-client.js';
import { DEAD_CLIENT_DETECTION, SESSION_LIMITS } from './session-limits.js';

const SETTINGS = [
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'tcp_keepalives_idle',
  'tcp_keepalives_interval',
  'tcp_keepalives_count',
  'tcp_user_timeout',
  'client_connection_check_interval',
] as const;

/** The session's settings, in milliseconds or seconds as PostgreSQL keeps them. */
async function limitsOf(sql: Sql) {
  const rows = await sql<{ name: string; value: string }[]>`
    select name, setting::bigint as value from pg_catalog.pg_settings where name = any(${SETTINGS})`;
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.value)]));
}

const expected = (limits: {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}) => ({
  statement_timeout: limits.statementTimeoutMs,
  lock_timeout: limits.lockTimeoutMs,
  idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  ...DEAD_CLIENT_DETECTION,
});

describe('session limits', () => {
  it('every control-plane and platform session starts with its limits and the dead-client detection', async () => {
    const ctx = await createTestDbContext();
    try {
      expect(await limitsOf(ctx.client.sql)).toEqual(expected(SESSION_LIMITS.controlPlane));
      const cluster = ctx.clusters.allClusters()[0]!.name;
      expect(await limitsOf(await ctx.clusters.admin(cluster))).toEqual(expected(SESSION_LIMITS.tenantAdmin));
      const { database } = await ctx.clusters.platformAccess(cluster);
      const platform = await withPlatformSession(cluster, database, ctx, (sql) => limitsOf(sql));
      expect(platform).toEqual(expected(SESSION_LIMITS.tenantAdmin));
    } finally {
      await ctx.close();
    }
  });

  it('a statement past its limit is cancelled (57014), and a transaction left idle past its limit ends its session (25P03) and frees its locks', async () => {
    const limits = { statementTimeoutMs: 200, lockTimeoutMs: 100, idleInTransactionTimeoutMs: 300 };
    const client = createControlPlaneClient({ url: testDatabaseUrl(), max: 2, limits });
    const other = createControlPlaneClient({ url: testDatabaseUrl(), max: 1 });
    try {
      expect(await client.sql`select pg_sleep(5)`.catch((error: { code?: string }) => error.code)).toBe('57014');
      const reserved = await client.sql.reserve();
      await reserved`begin`;
      await reserved`select pg_advisory_xact_lock(4242)`;
      // The transaction's lock holds others off (with the 100 ms lock limit, they fail at once) ...
      expect(await client.sql`select pg_advisory_xact_lock(4242)`.catch((error: { code?: string }) => error.code)).toBe(
        '55P03',
      );
      // ... until its idle limit ends the session and the lock with it.
      await sleep(1000);
      const after = await reserved`select 1`.catch((error: { code?: string; errno?: string }) => error.code);
      expect(['25P03', 'CONNECTION_CLOSED']).toContain(after);
      reserved.release();
      expect(await other.sql`select pg_try_advisory_lock(4242) as got`).toEqual([{ got: true }]);
    } finally {
      await client.close();
      await other.close();
    }
  });
});
