import { defaultDbContext, type DbContext } from '../db-context.js';

/**
 * Closes what PostgreSQL leaves open to every role on a cluster: `template1` and
 * `postgres` grant CONNECT and TEMPORARY to PUBLIC, so any tenant role could log into
 * them (and there, for one, leave default privileges that outlive its sessions). For
 * clusters the platform owns (a documented, opt-out step: the worker's
 * `TENANT_CLUSTER_HARDENING`). Copying `template1` (a plain CREATE DATABASE) does not need
 * CONNECT, so nothing else changes. Runs as the cluster's configured user, which must own
 * them (a superuser); otherwise PostgreSQL only warns that nothing was revoked.
 */
export async function hardenTenantCluster(cluster: string, ctx: DbContext = defaultDbContext()): Promise<void> {
  const bootstrap = ctx.clusters.bootstrap(cluster);
  const databases = await bootstrap<{ datname: string }[]>`
    select datname from pg_catalog.pg_database where datname operator(pg_catalog.=) any (${['template1', 'postgres']})`;
  for (const { datname } of databases) {
    await bootstrap.unsafe(`revoke connect, temporary on database ${datname} from public`);
  }
}
