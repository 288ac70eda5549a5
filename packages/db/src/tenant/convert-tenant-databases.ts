import postgres, { type Sql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { TENANT_CONNECTION_LIMIT } from './create-tenant-database.js';
import { clientTimeouts, SESSION_LIMITS, sessionParameters } from '../client/session-limits.js';
import { createTenantSchema } from './create-tenant-schema.js';
import { ownPooledDatabasePrefix } from './pooled-database-prefix.js';
import { PLATFORM_SESSION } from './platform-session.js';
import { tenantConnectionUrl } from './tenant-connection-url.js';
import { isTenantDatabaseName, PLATFORM_SCHEMA, projectIdOfDatabase, tenantRoleName } from './tenant-names.js';

/** Set on a database while it is converted, so that a conversion cut off is finished by the next. */
const CONVERTING = 'org:converting';

/** What {@link convertTenantDatabases} did on a cluster. */
export interface TenantConversion {
  cluster: string;
  /** Tenant databases brought to the platform's ownership model. */
  converted: string[];
  failed: { databaseName: string; error: unknown }[];
  /** Pooled databases and templates made before the boundary, given to the platform or dropped. */
  retired: number;
}

/**
 * Brings the tenant databases a cluster got before the platform owned them (each owned by
 * its tenant role, its tables in `public`) to the model of `createTenantDatabase`, in place,
 * idempotently; `migrate`/`start` run it for every cluster. Per database:
 *
 * 1. In one transaction on the cluster: the platform role becomes a member of the tenant
 *    role (as if it had created it), the tenant role loses any attribute it should not
 *    have, and the database becomes the platform's, its settings reset (a tenant could have
 *    set `search_path` or `default_transaction_read_only` for every session), its template
 *    flag cleared, its connection limit and grants set; marked as converting. From here on
 *    the tenant can change nothing at the database level.
 * 2. Inside the database, as the cluster's configured user (the tables' owner: the one
 *    place a superuser still enters a tenant database; see below): a schema `platform` of
 *    the tenant's is renamed out of the way; `platform` is created for the platform role;
 *    the platform's three tables move there and become its, if all three are still the
 *    originals (plain tables owned by that user, which the tenant could drop or shadow but
 *    not alter); otherwise the originals left are given to the tenant, and the platform
 *    starts its tables afresh. Only catalog changes to objects checked to be the originals:
 *    nothing a tenant made is read, called or fired.
 * 3. As the platform: `createTenantSchema` (migrations, the tenant's grants, the seed).
 * 4. The mark is cleared.
 *
 * A failure in one database is reported and does not stop the others; the next run tries
 * it again. Pooled databases and templates made before are given to the platform (the next
 * refill drops them: their template is not the current one) or dropped.
 */
export async function convertTenantDatabases(
  cluster: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantConversion> {
  const access = await ctx.clusters.platformAccess(cluster);
  const bootstrap = ctx.clusters.bootstrap(cluster);
  const platform = quoteIdentifier(access.user);
  const report: TenantConversion = { cluster, converted: [], failed: [], retired: 0 };
  // Under a lock in the platform's own database, where no tenant can take it first.
  const lock = await (await ctx.clusters.admin(cluster)).reserve();
  try {
    await lock`select pg_catalog.pg_advisory_lock(pg_catalog.hashtextextended('org.convert-tenants', 0))`;
    const [{ me } = { me: '' }] = await bootstrap<{ me: string }[]>`select current_user as me`;
    const legacy = await bootstrap<{ name: string; owner: string; converting: boolean }[]>`
      select d.datname as name, pg_catalog.pg_get_userbyid(d.datdba) as owner,
             coalesce(pg_catalog.shobj_description(d.oid, 'pg_database') operator(pg_catalog.=) ${CONVERTING}, false) as converting
      from pg_catalog.pg_database d
      where pg_catalog.starts_with(d.datname, 'tenant_')`;
    for (const { name, owner, converting } of legacy) {
      if (!isTenantDatabaseName(name)) continue;
      const role = tenantRoleName(name);
      // Another control plane's tenants (owned by its platform role) are not ours to take.
      if (!converting && owner !== role && owner !== me) continue;
      if (!converting && owner === access.user) continue;
      try {
        await takeOver(bootstrap, name, role, platform, access.delegated);
        await moveTables(cluster, name, role, access.user, ctx);
        await createTenantSchema(name, projectIdOfDatabase(name), ctx, { cluster });
        await bootstrap.unsafe(`comment on database ${quoteIdentifier(name)} is null`);
        report.converted.push(name);
      } catch (error) {
        report.failed.push({ databaseName: name, error });
      }
    }
    if (access.delegated) report.retired = await retireOldCopies(bootstrap, platform, me, ctx);
  } finally {
    await lock`select pg_catalog.pg_advisory_unlock(pg_catalog.hashtextextended('org.convert-tenants', 0))`.catch(
      () => undefined,
    );
    lock.release();
  }
  return report;
}

async function takeOver(bootstrap: Sql, name: string, role: string, platform: string, delegated: boolean) {
  const database = quoteIdentifier(name);
  const tenant = quoteIdentifier(role);
  await bootstrap
    .unsafe(
      [
        'begin',
        ...(delegated ? [`grant ${tenant} to ${platform} with admin option`] : []),
        `grant ${tenant} to ${platform} with inherit true, set true`,
        // What a tenant may have got while it could run code as a superuser: only a superuser can take it back.
        `alter role ${tenant} with ${delegated ? 'nosuperuser noreplication nobypassrls ' : ''}nocreatedb nocreaterole connection limit ${TENANT_CONNECTION_LIMIT}`,
        `alter database ${database} owner to ${platform}`,
        `alter database ${database} reset all`,
        `alter database ${database} with is_template false allow_connections true connection limit ${TENANT_CONNECTION_LIMIT}`,
        `revoke all on database ${database} from public`,
        `grant connect, temporary on database ${database} to ${tenant}`,
        `comment on database ${database} is ${quoteLiteral(CONVERTING)}`,
        'commit',
      ].join(';'),
    )
    .simple();
}

async function moveTables(cluster: string, name: string, role: string, platformUser: string, ctx: DbContext) {
  const sql = postgres(tenantConnectionUrl(ctx.clusters.cluster(cluster)!.url, name), {
    max: 1,
    ...clientTimeouts(SESSION_LIMITS.tenantAdmin),
    fetch_types: false,
    connect_timeout: 10,
    onnotice: () => {},
    connection: {
      ...PLATFORM_SESSION,
      ...sessionParameters(SESSION_LIMITS.tenantAdmin),
      application_name: `${ctx.applicationName}-convert`,
    },
  });
  const tables = ['schema_migrations', 'settings', 'audit_logs'];
  try {
    // One DO block: our code, run by the server, on catalog rows only.
    await sql.unsafe(`do $convert$
      declare
        me oid := (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user);
        platform oid := (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) ${quoteLiteral(platformUser)});
        originals text[];
        t text;
      begin
        if exists (select from pg_catalog.pg_namespace n where n.nspname operator(pg_catalog.=) ${quoteLiteral(PLATFORM_SCHEMA)}
                   and n.nspowner operator(pg_catalog.<>) platform) then
          execute pg_catalog.format('alter schema %I rename to %I', ${quoteLiteral(PLATFORM_SCHEMA)},
            ${quoteLiteral(`${PLATFORM_SCHEMA}_renamed_`)} operator(pg_catalog.||) pg_catalog.to_char(pg_catalog.now(), 'YYYYMMDDHH24MISS'));
        end if;
        execute pg_catalog.format('create schema if not exists %I authorization %I', ${quoteLiteral(PLATFORM_SCHEMA)}, ${quoteLiteral(platformUser)});
        select pg_catalog.array_agg(c.relname::text) into originals
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid operator(pg_catalog.=) c.relnamespace
        where n.nspname operator(pg_catalog.=) 'public' and c.relkind operator(pg_catalog.=) 'r'
          and c.relowner operator(pg_catalog.=) me
          and c.relname operator(pg_catalog.=) any (${quoteLiteral(`{${tables.join(',')}}`)}::pg_catalog.text[]);
        originals := coalesce(originals, '{}'::pg_catalog.text[]);
        if pg_catalog.cardinality(originals) operator(pg_catalog.=) ${tables.length} then
          foreach t in array originals loop
            execute pg_catalog.format('alter table public.%I set schema %I', t, ${quoteLiteral(PLATFORM_SCHEMA)});
            execute pg_catalog.format('alter table %I.%I owner to %I', ${quoteLiteral(PLATFORM_SCHEMA)}, t, ${quoteLiteral(platformUser)});
          end loop;
        else
          foreach t in array originals loop
            execute pg_catalog.format('alter table public.%I owner to %I', t, ${quoteLiteral(role)});
          end loop;
        end if;
      end $convert$`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Pooled databases of this control plane and templates made before the boundary (owned
 * by the configured user): the pooled ones are given to the platform role, whose next
 * refill drops them (their template is not current); templates are dropped.
 */
async function retireOldCopies(bootstrap: Sql, platform: string, me: string, ctx: DbContext): Promise<number> {
  const old = await bootstrap<{ name: string; pooled: boolean }[]>`
    select d.datname as name, pg_catalog.starts_with(d.datname, ${await ownPooledDatabasePrefix(ctx)}) as pooled
    from pg_catalog.pg_database d
    where pg_catalog.pg_get_userbyid(d.datdba) operator(pg_catalog.=) ${me}
      and (pg_catalog.starts_with(d.datname, ${await ownPooledDatabasePrefix(ctx)})
           or pg_catalog.starts_with(d.datname, 'template_tenant_'))`;
  for (const { name, pooled } of old) {
    const database = quoteIdentifier(name);
    if (pooled) await bootstrap.unsafe(`alter database ${database} owner to ${platform}`);
    else {
      await bootstrap.unsafe(`alter database ${database} with is_template false`);
      await bootstrap.unsafe(`drop database if exists ${database}`);
    }
  }
  return old.length;
}
