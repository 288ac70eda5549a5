import {
  branchTenantDatabase,
  createTenantDatabase,
  dropTenantDatabase,
  listProjectResources,
  reopenTenantDatabase,
  tenantDatabaseName,
  tenantSnapshotName,
  type TenantCredentials,
  type TenantDatabase,
} from '@org/db';
import type { Step } from '../step.js';
import type { WorkerContext } from '../worker-context.js';

/** Where the tenant database lives: the step's output, its login sealed. */
export type DatabaseOutput = Omit<TenantDatabase, 'projectId' | 'password' | 'connectionString'> & {
  /**
   * The role's password and connection string, sealed for the finalize step (which then
   * need not read the database's record); dropped from the journal when the run succeeds.
   * Absent from outputs recorded by earlier versions of the worker.
   */
  sealed?: string;
};

/** What {@link DatabaseOutput.sealed} holds. */
export type DatabaseLogin = Pick<TenantCredentials, 'password' | 'connectionString'>;

/**
 * database: the tenant database and its login role on the region's cluster, claimed from
 * the cluster's warm pool when it has one ready (then the pool is asked to refill), else
 * copied from the tenant template. A branch's (`payload.from`) is a copy of its source
 * project's database or snapshot instead, on the source's cluster (`branchTenantDatabase`).
 */
export const databaseStep: Step<'database', unknown, DatabaseOutput> = {
  name: 'database',
  retry: 'tenantDatabase',
  // `reserved`: the database recorded (services and api_keys start there, see PROVISIONING).
  // `claimed`: a pooled database is the project's in the records, not yet renamed.
  // `copied`: a copied database still the admin's, open to PUBLIC (no pool to claim from).
  // A branch's: `reserved`, `copied` (the copy shut to all but the platform), `adopted` (its
  // objects the new role's), then `created`.
  checkpoints: ['reserved', 'claimed', 'copied', 'adopted', 'created'],
  async run({ payload, ctx, checkpoint }) {
    if (payload.from !== undefined) {
      const { project_id: source, snapshot_id: snapshot } = payload.from;
      const branch = await branchTenantDatabase(
        snapshot === undefined ? tenantDatabaseName(source) : tenantSnapshotName(snapshot),
        tenantDatabaseName(payload.project_id),
        ctx.db,
        { checkpoint },
      );
      await checkpoint('created');
      return databaseOutput(branch, payload.project_id, ctx);
    }
    const pool = ctx.pool !== undefined && ctx.pool.size > 0 ? ctx.pool : undefined;
    const tenant = await createTenantDatabase(payload.project_id, payload.region, ctx.db, {
      pool: pool !== undefined,
      checkpoint,
    });
    ctx.metrics?.tenantDatabases.inc({ cluster: tenant.cluster, source: tenant.source });
    if (pool !== undefined && tenant.source !== 'existing') pool.requestRefill(tenant.cluster);
    await checkpoint('created');
    return databaseOutput(tenant, payload.project_id, ctx);
  },
  // The name is derived from the project id, so a database is dropped even if its record
  // was lost; recorded ones are dropped where they live. Counts the recorded ones.
  async undo(projectId, ctx) {
    const recorded = (await listProjectResources(projectId, 'databases', ctx.db)).map((r) => r.resourceId);
    for (const name of new Set([tenantDatabaseName(projectId), ...recorded])) await dropTenantDatabase(name, ctx.db);
    // A branch that died while its source was closed for the copy leaves it closed: open it.
    const [branch] = await ctx.db.client.sql<{ source: string | null }[]>`
      select request -> 'from' ->> 'project_id' as source from control_plane.operations
      where project_id = ${projectId} and kind = 'provision' order by created_at desc limit 1`;
    if (branch?.source != null) await reopenTenantDatabase(tenantDatabaseName(branch.source), ctx.db);
    return recorded.length;
  },
};

/** The step's output: where the database lives, its login sealed for the finalize step. */
function databaseOutput(tenant: TenantDatabase, projectId: string, ctx: WorkerContext): DatabaseOutput {
  const { databaseName, roleName, region, cluster, host, port, password, connectionString } = tenant;
  const login: DatabaseLogin = { password, connectionString };
  const sealed = ctx.db.secrets.seal(JSON.stringify(login), projectId);
  return { databaseName, roleName, region, cluster, host, port, sealed };
}
