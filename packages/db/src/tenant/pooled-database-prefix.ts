import { createHash } from 'node:crypto';
import type { DbContext } from '../db-context.js';

/** Pooled databases are outside the `tenant_` namespace: nothing that lists tenants sees one. */
export const POOLED_DATABASE_PREFIX = 'pooled_tenant_';

const prefixes = new WeakMap<DbContext, Promise<string>>();

/**
 * The prefix of the pooled databases this control plane makes: `pooled_tenant_<tag>_`, the
 * tag derived from the control-plane database (its server's system identifier and its
 * oid). Two control planes that share a tenant cluster keep their pools in tables of their
 * own; with a name of its own, a refill that drops the pooled databases its table does not
 * list never drops the other's. Read once per context.
 */
export function ownPooledDatabasePrefix(ctx: DbContext): Promise<string> {
  let prefix = prefixes.get(ctx);
  if (prefix === undefined) {
    prefix = readTag(ctx).then((tag) => `${POOLED_DATABASE_PREFIX}${tag}_`);
    prefixes.set(ctx, prefix);
    prefix.catch(() => prefixes.delete(ctx)); // the next refill asks again
  }
  return prefix;
}

async function readTag(ctx: DbContext): Promise<string> {
  const [row] = await ctx.client.sql<{ server: string; database: string }[]>`
    select (select system_identifier::text from pg_control_system()) as server,
           (select oid::text from pg_database where datname = current_database()) as database`;
  return createHash('sha256').update(`${row!.server}/${row!.database}`).digest('hex').slice(0, 8);
}
