import { randomBytes, randomUUID } from 'node:crypto';
import { createDbContext, type DbContext } from '../db-context.js';
import { migrate } from '../migrate.js';
import { createProject } from '../projects/create-project.js';
import type { ClusterConfig } from '../regions/cluster-config.js';
import type { Project } from '../schema/projects.js';
import { testDatabaseUrl, testSecretKey } from './test-database-url.js';

/**
 * A {@link DbContext} on the test run's PostgreSQL with the run's key (`testSecretKey`),
 * migrated. Close it in `afterAll`.
 */
export async function createTestDbContext(
  options: { clusters?: ClusterConfig; poolSize?: number } = {},
): Promise<DbContext> {
  const ctx = createDbContext({
    databaseUrl: testDatabaseUrl(),
    secretKey: testSecretKey(),
    poolSize: options.poolSize ?? 5,
    applicationName: `test-${randomBytes(4).toString('hex')}`,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
  });
  await migrate(ctx.client.sql);
  return ctx;
}

/** A new active project row with a random id, for one test. */
export function createTestProject(ctx: DbContext, overrides: { region?: string; id?: string } = {}): Promise<Project> {
  return createProject(
    {
      id: overrides.id ?? randomUUID(),
      name: `test project ${randomBytes(3).toString('hex')}`,
      region: overrides.region ?? 'us-east-1',
      ownerId: 'user-test',
      organizationId: 'org-test',
    },
    ctx,
  );
}
