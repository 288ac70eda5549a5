import { createControlPlaneClient, defaultDbContext, type DbContext } from '@org/db';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsDatabase, PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type { Sql, TransactionSql } from 'postgres';
import type { ApiKeyTransactionStore } from './api-key-store-in.js';

/** Where keys are kept: a postgres.js pool and a Drizzle database over it. */
export interface ApiKeyStore {
  sql: Sql;
  db: PostgresJsDatabase<Record<string, unknown>>;
  /** Closes the pool when the store opened it; a no-op for a client the caller passed. */
  close(): Promise<void>;
}

/** A store of its own, opened from a URL. */
export interface ApiKeyStoreUrlOptions {
  databaseUrl: string;
  /** Pool size (default 10). */
  poolSize?: number;
  /** Seconds to wait for a connection before a query fails (default 10). */
  connectTimeoutSeconds?: number;
  /** Shown in pg_stat_activity (default `api-keys`). */
  applicationName?: string;
}

/** A Drizzle (postgres-js) client the team already has; its pool stays the team's. */
export interface ApiKeyStoreClientOptions {
  db: PostgresJsDatabase<Record<string, unknown>> & { $client: Sql };
}

/**
 * What every function of this package takes as its last argument: a store, a store inside
 * a transaction of yours (`apiKeyStoreIn(tx)`), or the control plane's `DbContext` (whose
 * pool it then uses).
 */
export type ApiKeyContext = ApiKeyStore | ApiKeyTransactionStore | DbContext;

/** What a call runs on: a pool or a transaction, and a Drizzle database over the same. */
export interface ApiKeyConnection {
  sql: Sql | TransactionSql;
  db: PgDatabase<PostgresJsQueryResultHKT, Record<string, unknown>>;
}

/**
 * Opens a store. From a URL, the pool is ours (postgres.js with the connection-loss fixes
 * `@org/db` ships and reconnect backoff; nothing connects until first use) and `close()`
 * ends it. From a Drizzle client, queries run on the team's pool and `close()` leaves it open.
 */
export function createApiKeyStore(options: ApiKeyStoreUrlOptions | ApiKeyStoreClientOptions): ApiKeyStore {
  if ('db' in options) {
    return { sql: options.db.$client, db: options.db, close: async () => {} };
  }
  const client = createControlPlaneClient({
    url: options.databaseUrl,
    max: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'api-keys',
    ...(options.connectTimeoutSeconds === undefined ? {} : { connectTimeout: options.connectTimeoutSeconds }),
  });
  return { sql: client.sql, db: client.db, close: () => client.close() };
}

/** What a call runs on: the given store or context, else the application's default context. */
export function resolveApiKeyStore(ctx: ApiKeyContext | undefined): ApiKeyConnection {
  if (ctx !== undefined) return 'client' in ctx ? ctx.client : ctx;
  try {
    return defaultDbContext().client;
  } catch {
    throw new Error(
      'No API key store: pass createApiKeyStore({ databaseUrl }) (or the control plane’s DbContext) as the last argument',
    );
  }
}
