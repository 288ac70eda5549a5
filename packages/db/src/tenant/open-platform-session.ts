import postgres, { type Sql } from 'postgres';
import type { DbContext } from '../db-context.js';
import { PLATFORM_SESSION } from './platform-session.js';
import { clientTimeouts, SESSION_LIMITS, sessionParameters } from '../client/session-limits.js';

/** Options of {@link openPlatformSession}. */
export interface PlatformSessionOptions {
  /** Pool size (default 1). */
  max?: number;
  /** postgres.js's array-type lookup on connect (default false: one round trip saved). */
  fetchTypes?: boolean;
  /** Suffix of the application_name (default `tenant`). */
  purpose?: string;
}

/**
 * A client of the platform role inside one database of a tenant cluster (a tenant's, a
 * template being built, a pooled one being warmed), its sessions pinned to
 * `PLATFORM_SESSION`. The caller must `end()` it.
 */
export async function openPlatformSession(
  cluster: string,
  database: string,
  ctx: DbContext,
  options: PlatformSessionOptions = {},
): Promise<Sql> {
  return postgres(await ctx.clusters.platformUrl(cluster, database), {
    max: options.max ?? 1,
    ...clientTimeouts(SESSION_LIMITS.tenantAdmin),
    fetch_types: options.fetchTypes ?? false,
    idle_timeout: 10,
    connect_timeout: 10,
    onnotice: () => {},
    connection: {
      ...PLATFORM_SESSION,
      ...sessionParameters(SESSION_LIMITS.tenantAdmin),
      application_name: `${ctx.applicationName}-${options.purpose ?? 'tenant'}`,
    },
  });
}

/** Runs `fn` with a {@link openPlatformSession} client and always closes it. */
export async function withPlatformSession<T>(
  cluster: string,
  database: string,
  ctx: DbContext,
  fn: (sql: Sql) => Promise<T>,
  options: PlatformSessionOptions = {},
): Promise<T> {
  const sql = await openPlatformSession(cluster, database, ctx, options);
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
