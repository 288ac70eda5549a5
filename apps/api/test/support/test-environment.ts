import { createTestDatabase, type TestDatabase, testSecretKey } from '@org/db/testing';
import { startFakeServiceApi, type FakeServiceApi } from '@org/services/testing';
import postgres from 'postgres';
import { AdminTokenStore, type CreatedAdminToken } from '../../src/auth/admin-token-store.js';
import { migrateApi } from '../../src/migrate-api.js';

/**
 * A control plane of a test file's own: an empty database on the test run's server
 * (migrated), a secret key, a fake auth service (an HTTP admin API on loopback), and
 * admin tokens made straight in the database.
 */
export interface TestEnvironment {
  database: TestDatabase;
  secretKey: string;
  authApi: FakeServiceApi;
  /** A superuser pool on the test database. */
  sql: postgres.Sql;
  token(organizationId: string | null, name?: string): Promise<CreatedAdminToken>;
  revoke(tokenId: string): Promise<void>;
  /** The environment the worker and API processes of this control plane run with. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The environment of a test's worker and API processes: the database and key, the fake auth
 * service, any free ports, JSON logs, and a queue and retries that take a second, not minutes.
 */
export function controlPlaneEnv(databaseUrl: string, secretKey: string, authUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PROVISIONING_SECRET_KEY: secretKey,
    SERVICES_CONFIG: JSON.stringify({ auth: { adapter: 'http', adminUrl: authUrl } }),
    HTTP_PORT: '0',
    API_PORT: '0',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_HEARTBEAT_SECONDS: '10',
    JOB_SUPERVISE_INTERVAL_SECONDS: '1',
    QUEUE_POLL_INTERVAL_SECONDS: '0.5',
    STEP_RETRY_DELAY_SCALE: '0.001',
    TENANT_CLUSTER_HARDENING: 'off',
  };
}

export async function createTestEnvironment(prefix = 'api'): Promise<TestEnvironment> {
  const database = await createTestDatabase(prefix);
  const secretKey = testSecretKey();
  const authApi = await startFakeServiceApi('auth');
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  await migrateApi(sql);
  const tokens = new AdminTokenStore(sql);
  return {
    database,
    secretKey,
    authApi,
    sql,
    token: (organizationId, name = 'test') => tokens.create({ name, organizationId }),
    revoke: async (tokenId) => void (await tokens.revoke(tokenId)),
    env: controlPlaneEnv(database.url, secretKey, authApi.url),
    async close() {
      await sql.end({ timeout: 5 });
      await authApi.close();
      await database.drop();
    },
  };
}
