import { DatabaseDropError, UnknownClusterError } from '@org/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { parseClusterConfig } from '../regions/cluster-config.js';
import { createTestDbContext, createTestProject } from '../testing/create-test-db-context.js';
import { testDatabaseUrl } from '../testing/test-database-url.js';
import { connectToTenantDatabase } from './connect-to-tenant-database.js';
import { createTenantDatabase } from './create-tenant-database.js';
import { dropTenantDatabase } from './drop-tenant-database.js';
import { openTenantCredentials } from './open-tenant-credentials.js';

let ctx: DbContext;
beforeAll(async () => {
  ctx = await createTestDbContext();
});
afterAll(() => ctx.close());

/** A context on the same database and key whose configuration names other clusters. */
async function contextWithClusters(clusters: { name: string; url: string }[]): Promise<DbContext> {
  const config = parseClusterConfig(
    Object.fromEntries(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'].map((region) => [region, clusters])),
  );
  const other = await createTestDbContext({ clusters: config });
  // Same key as ctx, so sealed passwords open: only the cluster map differs.
  return { ...other, secrets: ctx.secrets };
}

describe('tenant database records', () => {
  it('openTenantCredentials gives back what createTenantDatabase returned', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    try {
      expect(await openTenantCredentials(tenant.databaseName, ctx)).toEqual({
        databaseName: tenant.databaseName,
        cluster: tenant.cluster,
        host: tenant.host,
        port: tenant.port,
        user: tenant.roleName,
        password: tenant.password,
        connectionString: tenant.connectionString,
      });
    } finally {
      await dropTenantDatabase(tenant.databaseName, ctx);
    }
  });

  it('a record on a cluster the configuration no longer names is an UnknownClusterError', async () => {
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    const renamed = await contextWithClusters([{ name: 'renamed', url: testDatabaseUrl() }]);
    try {
      for (const call of [
        () => connectToTenantDatabase(tenant.databaseName, {}, renamed),
        () => openTenantCredentials(tenant.databaseName, renamed),
        () => dropTenantDatabase(tenant.databaseName, renamed),
      ]) {
        const error: unknown = await call().catch((e: unknown) => e);
        expect(UnknownClusterError.is(error)).toBe(true);
        expect(error).toMatchObject({ cluster: 'default', retryable: false });
      }
    } finally {
      await renamed.close();
      await dropTenantDatabase(tenant.databaseName, ctx);
    }
  });

  it('a drop that fails is a DatabaseDropError, retryable when the cluster is unreachable', async () => {
    const dead = await contextWithClusters([{ name: 'default', url: 'postgres://postgres:x@127.0.0.1:1/postgres' }]);
    const project = await createTestProject(ctx);
    const tenant = await createTenantDatabase(project.id, 'us-east-1', ctx);
    try {
      const error: unknown = await dropTenantDatabase(tenant.databaseName, dead).catch((e: unknown) => e);
      expect(DatabaseDropError.is(error)).toBe(true);
      expect((error as DatabaseDropError).retryable).toBe(true);
    } finally {
      await dead.close();
      await dropTenantDatabase(tenant.databaseName, ctx);
    }
  });
});

describe('defaultDbContext', () => {
  it('opens no pool from the environment: without a context set, it says what to do', () => {
    expect(() => defaultDbContext()).toThrow(/setDefaultDbContext/);
  });
});
