import type { ReservedSql, Sql } from 'postgres';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';

const KEY = 'org.tenant-copy';

/**
 * What the platform writes on a copy it made, as the database's comment (only its owner,
 * the platform, can change it; any role can read it, as it can read the database's name):
 * a complete snapshot of a tenant database, or the copy of a snapshot a restore is about to
 * put in a tenant database's place. A copy without its mark is half-made.
 */
export type TenantCopyMark =
  | {
      kind: 'snapshot';
      /** The tenant database it is a copy of. */
      of: string;
      createdAt: string;
      /** Set when a restore kept the replaced database as this snapshot: the snapshot it restored. */
      replacedBy?: string;
    }
  | { kind: 'restoring'; from: string; for: string };

/** A database on a tenant cluster as a copy operation sees it. */
export interface CopyState {
  name: string;
  allowConnections: boolean;
  /** Owned by this control plane's platform role. */
  ours: boolean;
  /** undefined: no mark (half-made, or not a copy at all). */
  mark: TenantCopyMark | undefined;
  sizeBytes: number;
}

/** The statement that marks `database` (run in the transaction that completes it). */
export function markStatement(database: string, mark: TenantCopyMark | null): string {
  const text = mark === null ? 'null' : quoteLiteral(JSON.stringify({ [KEY]: mark }));
  return `comment on database ${quoteIdentifier(database)} is ${text}`;
}

/** Reads a mark from a comment; undefined for any other comment. */
export function readMark(comment: string | null): TenantCopyMark | undefined {
  if (comment === null) return undefined;
  try {
    const mark = (JSON.parse(comment) as Record<string, unknown>)[KEY] as Record<string, unknown> | undefined;
    if (mark?.['kind'] === 'snapshot' && typeof mark['of'] === 'string' && typeof mark['createdAt'] === 'string') {
      return mark as TenantCopyMark;
    }
    if (mark?.['kind'] === 'restoring' && typeof mark['from'] === 'string' && typeof mark['for'] === 'string') {
      return mark as TenantCopyMark;
    }
  } catch {
    // Not ours.
  }
  return undefined;
}

/** The named databases that exist on the cluster `admin` is connected to, by name. */
export async function readCopyStates(
  admin: Sql | ReservedSql,
  names: readonly string[],
  options: { size?: boolean } = {},
): Promise<Map<string, CopyState>> {
  const rows = await admin<{ name: string; allow: boolean; ours: boolean; comment: string | null; size: string }[]>`
    select d.datname as name, d.datallowconn as allow,
           d.datdba operator(pg_catalog.=) (select r.oid from pg_catalog.pg_roles r where r.rolname operator(pg_catalog.=) current_user) as ours,
           pg_catalog.shobj_description(d.oid, 'pg_database') as comment,
           case when ${options.size ?? false}::boolean then pg_catalog.pg_database_size(d.oid) else 0 end::text as size
    from pg_catalog.pg_database d where d.datname operator(pg_catalog.=) any (${names as string[]}::text[])`;
  return new Map(
    rows.map((row) => [
      row.name,
      {
        name: row.name,
        allowConnections: row.allow,
        ours: row.ours,
        mark: readMark(row.comment),
        sizeBytes: Number(row.size),
      },
    ]),
  );
}
