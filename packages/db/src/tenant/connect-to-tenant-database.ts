import postgres, { type Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { openPlatformSession } from './open-platform-session.js';
import { clientTimeouts, SESSION_LIMITS, sessionParameters } from '../client/session-limits.js';
import { requireTenantDatabaseRecord } from './tenant-database-record.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import { assertTenantDatabaseName } from './tenant-names.js';

export interface TenantConnectionOptions {
  /**
   * `admin` (default) connects as the platform role, its session pinned (`PLATFORM_SESSION`:
   * no name it uses resolves to anything the tenant made), for migrations and seeding;
   * `owner` with the tenant's own role and password, as the tenant would.
   */
  as?: 'admin' | 'owner';
  /** Pool size of the returned client. */
  max?: number;
  /**
   * Let postgres.js ask the database about a type it does not know (an enum, a domain, an
   * extension's type or their arrays) the first time a result has one (default true).
   * Built-in types and their arrays are parsed either way. False never asks: such values
   * arrive as text, and no catalog query is sent, as migrations and seeding want.
   */
  fetchTypes?: boolean;
  /**
   * The cluster the database is on, when the caller has it from the database's creation:
   * an admin connection then skips reading the record (an unconfigured name is an
   * `UnknownClusterError`). An owner connection always reads it (the password is there).
   */
  cluster?: string;
}

/**
 * A postgres.js client connected to a tenant database on its cluster. The caller owns it
 * and must `end()` it; {@link withTenantDatabase} does that for you.
 */
export async function connectToTenantDatabase(
  databaseName: string,
  options: TenantConnectionOptions = {},
  ctx: DbContext = defaultDbContext(),
): Promise<Sql> {
  assertTenantDatabaseName(databaseName);
  if (options.as === 'owner') {
    const record = await requireTenantDatabaseRecord(databaseName, ctx);
    const login = {
      user: record.metadata.role,
      password: ctx.secrets.open(record.metadata.passwordSealed, databaseName),
    };
    return postgres(tenantConnectionUrl(record.cluster.url, databaseName, login), {
      max: options.max ?? 1,
      ...clientTimeouts(SESSION_LIMITS.controlPlane),
      fetch_types: options.fetchTypes ?? true,
      idle_timeout: 10,
      connect_timeout: 10,
      onnotice: () => {},
      connection: {
        application_name: `${ctx.applicationName}-tenant`,
        ...sessionParameters(SESSION_LIMITS.controlPlane),
      },
    });
  }
  const cluster = options.cluster ?? (await requireTenantDatabaseRecord(databaseName, ctx)).cluster.name;
  return openPlatformSession(cluster, databaseName, ctx, {
    max: options.max ?? 1,
    fetchTypes: options.fetchTypes ?? true,
  });
}

/** Runs `fn` with a tenant connection and always closes it, whatever `fn` does. */
export async function withTenantDatabase<T>(
  databaseName: string,
  fn: (sql: Sql) => Promise<T>,
  options: TenantConnectionOptions = {},
  ctx: DbContext = defaultDbContext(),
): Promise<T> {
  const sql = await connectToTenantDatabase(databaseName, options, ctx);
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
