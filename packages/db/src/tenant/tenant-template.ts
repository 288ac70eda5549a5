import { createHash, randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { classifyError } from '@org/errors';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { TENANT_MIGRATIONS } from '../migrate.js';
import { readMigrations, runMigrations, type MigrationSet } from '../migrations/run-migrations.js';
import { quoteIdentifier } from '../sql/quote.js';
import { createDatabaseStatement } from './create-database-statement.js';
import { withPlatformSession } from './open-platform-session.js';

// Outside the `tenant_` namespace: nothing that lists tenant databases sees a template.
const TEMPLATE_PREFIX = 'template_tenant_';
/** A build this old was abandoned (a build, compaction included, took 487 ms here). */
const STALE_BUILD_SECONDS = 600;

/**
 * How a template is built, in the name's hash with the migrations: a cluster whose template
 * an earlier build made (before `vacuum (full, freeze)`, or before the platform owned what
 * is in it) gets a new one on upgrade, and its pool is drained and refilled from it, as
 * after a tenant-schema change.
 */
const TEMPLATE_BUILD = 'compacted,platform-owned';

/**
 * The template database for the current tenant migrations: `template_tenant_v<count>_<hash>`,
 * the hash covering every migration's own hash, {@link TEMPLATE_BUILD} and the platform
 * role that owns the template and everything in it, so any change to the tenant schema
 * names a new template and an old one is never used for it, and two control planes on one
 * cluster never copy each other's.
 */
export function tenantTemplateName(ctx: DbContext, set: MigrationSet = TENANT_MIGRATIONS): string {
  // Every claim asks for it: the files are read once per folder (readMigrations), and the
  // hash of their hashes took 0.8 µs here.
  const migrations = readMigrations(set.folder);
  const hash = createHash('sha256')
    .update([TEMPLATE_BUILD, ctx.clusters.platformRole, ...migrations.map((migration) => migration.hash)].join('\n'))
    .digest('hex')
    .slice(0, 12);
  return `${TEMPLATE_PREFIX}v${migrations.length}_${hash}`;
}

// One build per cluster, schema and context at a time; later calls get the finished name.
const built = new WeakMap<DbContext, Map<string, Promise<string>>>();
const buildKey = (cluster: string, migrations: MigrationSet): string => `${cluster}\n${migrations.folder}`;

/**
 * Makes sure `cluster` has the template of the current tenant schema, building it when
 * missing, and returns its name. The template holds the migrated tenant schema and no
 * data, all of it the platform role's (it builds the template, as every copy's owner must):
 * it is `IS_TEMPLATE`, refuses connections (`ALLOW_CONNECTIONS false`) and has CONNECT
 * revoked from PUBLIC, so no tenant role can reach it. A build happens under a
 * temporary name and is renamed when complete: a crash leaves a `template_tenant_build_*`
 * database (dropped by the next build), never a half-made template. Templates of older
 * schema versions are dropped once the new one exists (when nothing is copying them).
 */
export function ensureTenantTemplate(
  cluster: string,
  ctx: DbContext = defaultDbContext(),
  migrations: MigrationSet = TENANT_MIGRATIONS,
): Promise<string> {
  let perCluster = built.get(ctx);
  if (perCluster === undefined) built.set(ctx, (perCluster = new Map<string, Promise<string>>()));
  const key = buildKey(cluster, migrations);
  let pending = perCluster.get(key);
  if (pending === undefined) {
    pending = buildTemplate(cluster, ctx, migrations);
    perCluster.set(key, pending);
    // A failed build is tried again by the next caller.
    pending.catch(() => perCluster.delete(key));
  }
  return pending;
}

/** Forgets a template this process knew of (it was dropped behind its back). */
export function forgetTenantTemplate(cluster: string, ctx: DbContext): void {
  built.get(ctx)?.delete(buildKey(cluster, TENANT_MIGRATIONS));
}

async function buildTemplate(cluster: string, ctx: DbContext, migrations: MigrationSet): Promise<string> {
  const name = tenantTemplateName(ctx, migrations);
  const admin = await ctx.clusters.admin(cluster);
  const exists = async () =>
    (
      await admin<
        { one: number }[]
      >`select 1 as one from pg_catalog.pg_database where datname operator(pg_catalog.=) ${name}`
    ).length > 0;
  if (!(await exists())) {
    const build = `${TEMPLATE_PREFIX}build_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
    await admin.unsafe(createDatabaseStatement(build, { template: 'template0' }));
    try {
      await withPlatformSession(cluster, build, ctx, async (sql) => {
        await runMigrations(sql, migrations);
        // Every tenant database and pooled database is a page-by-page copy of this one. The
        // migrations leave dead catalog rows behind (template0's too, from initdb): compacted
        // and frozen, the template measured 6.8 MB against 8.0 MB, and a copy of it took
        // 46.6 ms against 65.0 (20 copies each, taking turns, embedded PostgreSQL 18). Frozen
        // rows also spare each copy the anti-wraparound vacuum of its catalogs.
        await sql.unsafe('vacuum (full, freeze)');
      });
      await admin
        .unsafe(
          `revoke all on database ${quoteIdentifier(build)} from public;` +
            `alter database ${quoteIdentifier(build)} with is_template true allow_connections false`,
        )
        .simple();
      await admin.unsafe(`alter database ${quoteIdentifier(build)} rename to ${quoteIdentifier(name)}`);
    } catch (error) {
      await dropTemplate(admin, build).catch(() => undefined);
      // Another worker finished the same template first: use theirs.
      if (classifyError(error).code !== '42P04' || !(await exists())) throw error;
    }
  }
  await dropOtherTemplates(admin, name);
  return name;
}

/**
 * The platform's older versions, and builds a crash left (older than STALE_BUILD_SECONDS: a
 * younger one may be another worker's, still building). One being copied right now stays
 * for later. Another control plane's templates are its own to drop.
 */
async function dropOtherTemplates(admin: postgres.Sql, keep: string): Promise<void> {
  const others = await admin<{ datname: string }[]>`
    select d.datname from pg_catalog.pg_database d
    where pg_catalog.starts_with(d.datname, ${TEMPLATE_PREFIX}) and d.datname operator(pg_catalog.<>) ${keep}
      and d.datdba operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user)`;
  const now = Date.now() / 1000;
  for (const { datname } of others) {
    const startedAt = /_build_(\d+)_/.exec(datname)?.[1];
    if (startedAt !== undefined && now - Number(startedAt) < STALE_BUILD_SECONDS) continue;
    await dropTemplate(admin, datname).catch(() => undefined);
  }
}

async function dropTemplate(admin: postgres.Sql, name: string): Promise<void> {
  await admin.unsafe(`alter database ${quoteIdentifier(name)} with is_template false`);
  await admin.unsafe(`drop database if exists ${quoteIdentifier(name)}`);
}
