import { classifyError, TenantClusterError } from '@org/errors';
import postgres, { type Sql } from 'postgres';
import type { PlatformLogin } from '../secrets/platform-login.js';
import { scramSha256Verifier } from '../secrets/scram-verifier.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { PLATFORM_SESSION } from './platform-session.js';
import { clientTimeouts, SESSION_LIMITS, sessionParameters } from '../client/session-limits.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';

/** The oldest PostgreSQL whose CREATEROLE lets a non-superuser administer only the roles it creates. */
export const MIN_TENANT_CLUSTER_VERSION = 160000;

/** How the platform logs in to a prepared cluster, and its own database there. */
export interface PlatformAccess {
  user: string;
  password: string;
  /** The database the platform's admin pool connects to: one no tenant may enter. */
  database: string;
  /** True when the configured user is a superuser and the platform works as a role it made. */
  delegated: boolean;
}

/**
 * Makes a tenant cluster ready for the platform to work on it as a role that is not a
 * superuser (run through the configured user's `bootstrap` connection, once per process
 * and cluster):
 *
 * - The configured user is a superuser (the embedded default): the platform role
 *   ({@link PlatformLogin}) is created or corrected: `LOGIN CREATEDB CREATEROLE`, nothing
 *   more, with `pg_signal_backend` (to end a tenant's sessions) and
 *   `pg_use_reserved_connections` (the slots `reserved_connections` keeps, so tenants that
 *   hold every connection they may cannot shut the platform out); and a database of the
 *   role's name, CONNECT revoked from PUBLIC, where its admin pool lives and its advisory
 *   locks are taken: no tenant can enter it, so none can plant anything there or block a lock.
 *   The password is set only when the role is new or its login fails.
 * - The configured user is not a superuser but has CREATEDB and CREATEROLE: it is the
 *   platform role as it is (it must have `pg_signal_backend`), on the configured database.
 *
 * PostgreSQL 16 or later: before it, CREATEROLE could administer every non-superuser role
 * and grant itself the `pg_execute_server_program` kind, so the boundary would not hold.
 */
export async function prepareTenantCluster(
  cluster: string,
  clusterUrl: string,
  bootstrap: Sql,
  platform: PlatformLogin,
): Promise<PlatformAccess> {
  const [me] = await bootstrap<
    {
      version: number;
      user: string;
      database: string;
      superuser: boolean;
      createdb: boolean;
      createrole: boolean;
      signals: boolean;
    }[]
  >`
    select pg_catalog.current_setting('server_version_num')::int as version, current_user as user,
           pg_catalog.current_database() as database, r.rolsuper as superuser, r.rolcreatedb as createdb,
           r.rolcreaterole as createrole,
           pg_catalog.pg_has_role(current_user, 'pg_signal_backend', 'USAGE') as signals
    from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user`;
  if (me!.version < MIN_TENANT_CLUSTER_VERSION) {
    throw new TenantClusterError(
      cluster,
      `Tenant cluster ${cluster} runs PostgreSQL ${Math.floor(me!.version / 10000)}: the tenant boundary needs 16 or later`,
    );
  }
  if (!me!.superuser) {
    if (!me!.createdb || !me!.createrole || !me!.signals) {
      throw new TenantClusterError(
        cluster,
        `The user ${me!.user} of tenant cluster ${cluster} needs SUPERUSER, or CREATEDB, CREATEROLE and membership in pg_signal_backend`,
      );
    }
    const url = new URL(clusterUrl);
    return {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: me!.database,
      delegated: false,
    };
  }
  await ensurePlatformRole(bootstrap, platform);
  const access = { user: platform.role, password: platform.password, database: platform.role, delegated: true };
  if (!(await canLogIn(clusterUrl, access))) {
    // New, or another key's password (a key changed, or the role was made by hand).
    await bootstrap.unsafe(
      `alter role ${quoteIdentifier(platform.role)} password ${quoteLiteral(scramSha256Verifier(platform.password))}`,
    );
    if (!(await canLogIn(clusterUrl, access))) {
      throw new TenantClusterError(
        cluster,
        `The platform role ${platform.role} cannot log in to tenant cluster ${cluster}`,
      );
    }
  }
  return access;
}

async function ensurePlatformRole(bootstrap: Sql, platform: PlatformLogin): Promise<void> {
  const role = quoteIdentifier(platform.role);
  const [state] = await bootstrap<
    { exists: boolean; exact: boolean; granted: boolean; home: boolean; homeOpen: boolean }[]
  >`
    select r.oid is not null as exists,
           coalesce(r.rolcanlogin and r.rolcreatedb and r.rolcreaterole and r.rolinherit and not r.rolsuper
                    and not r.rolreplication and not r.rolbypassrls, false) as exact,
           coalesce(pg_catalog.pg_has_role(r.oid, 'pg_signal_backend', 'USAGE')
                    and pg_catalog.pg_has_role(r.oid, 'pg_use_reserved_connections', 'USAGE'), false) as granted,
           d.oid is not null as home,
           coalesce(d.datacl::text operator(pg_catalog.~) '(^|[{,])=', true) as "homeOpen"
    from (select 1) one
    left join pg_catalog.pg_roles r on r.rolname operator(pg_catalog.=) ${platform.role}
    left join pg_catalog.pg_database d on d.datname operator(pg_catalog.=) ${platform.role}`;
  const attributes = 'login nosuperuser createdb createrole inherit noreplication nobypassrls';
  if (!state!.exists) {
    const verifier = quoteLiteral(scramSha256Verifier(platform.password));
    await bootstrap.unsafe(
      `do $$ begin create role ${role} with ${attributes} password ${verifier}; ` +
        `exception when duplicate_object or unique_violation then alter role ${role} with ${attributes}; end $$`,
    );
  } else if (!state!.exact) {
    await bootstrap.unsafe(`alter role ${role} with ${attributes}`);
  }
  if (!state!.granted) await bootstrap.unsafe(`grant pg_signal_backend, pg_use_reserved_connections to ${role}`);
  if (!state!.home) {
    try {
      await bootstrap.unsafe(`create database ${role} owner ${role}`);
    } catch (error) {
      // 42P04: another process made it first (23505 when the two raced in the catalog).
      const code = classifyError(error).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  }
  if (!state!.home || state!.homeOpen) await bootstrap.unsafe(`revoke all on database ${role} from public`);
}

async function canLogIn(clusterUrl: string, access: PlatformAccess): Promise<boolean> {
  const sql = postgres(tenantConnectionUrl(clusterUrl, access.database, access), {
    max: 1,
    ...clientTimeouts(SESSION_LIMITS.tenantAdmin),
    connect_timeout: 10,
    fetch_types: false,
    onnotice: () => {},
    connection: {
      ...PLATFORM_SESSION,
      ...sessionParameters(SESSION_LIMITS.tenantAdmin),
      application_name: 'control-plane-prepare',
    },
  });
  try {
    await sql`select 1`;
    return true;
  } catch (error) {
    // 28P01: wrong password; 28000: no such role or no login. Anything else is a real failure.
    const code = classifyError(error).code;
    if (code === '28P01' || code === '28000') return false;
    throw error;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
