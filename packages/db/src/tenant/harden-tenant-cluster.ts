import { defaultDbContext, type DbContext } from '../db-context.js';

/**
 * Closes what PostgreSQL leaves open to every role on a cluster: `template1` grants CONNECT
 * and TEMPORARY to PUBLIC, so any tenant role could log into it. For clusters the platform
 * owns (a documented, opt-out step: the worker's `TENANT_CLUSTER_HARDENING`). Copying
 * `template1` (a plain CREATE DATABASE) does not need CONNECT, so nothing else changes.
 * Needs the cluster's admin to own `template1` (a superuser); otherwise PostgreSQL only
 * warns that nothing was revoked.
 */
export async function hardenTenantCluster(cluster: string, ctx: DbContext = defaultDbContext()): Promise<void> {
  await ctx.clusters.admin(cluster).unsafe('revoke connect, temporary on database template1 from public');
}
