import { defaultDbContext, type DbContext } from '../db-context.js';
import { requireTenantDatabaseRecord } from './tenant-database-record.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import { assertTenantDatabaseName } from './tenant-names.js';

/** How a tenant logs in to its database. Secrets: show once, never log. */
export interface TenantCredentials {
  databaseName: string;
  cluster: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
}

/**
 * Opens a tenant's stored credentials: where its database lives and its role's password,
 * unsealed with the context's key. Callers never see how the password is kept.
 */
export async function openTenantCredentials(
  databaseName: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantCredentials> {
  assertTenantDatabaseName(databaseName);
  const record = await requireTenantDatabaseRecord(databaseName, ctx);
  const password = ctx.secrets.open(record.metadata.passwordSealed, databaseName);
  const url = new URL(record.cluster.url);
  const login = { user: record.metadata.role, password };
  return {
    databaseName,
    cluster: record.cluster.name,
    host: url.hostname,
    port: Number(url.port || 5432),
    ...login,
    connectionString: tenantConnectionUrl(record.cluster.url, databaseName, login),
  };
}
