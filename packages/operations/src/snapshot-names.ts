import type { Sql, TransactionSql } from 'postgres';

/**
 * The names a project's snapshots were taken with, by snapshot id: kept in the control plane
 * (the snapshot operation's request), never on the tenant's cluster, where every role can
 * read a database's comment and so another tenant would read a name meant for one.
 */
export async function snapshotNames(sql: Sql | TransactionSql, projectId: string): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; name: string }[]>`
    select request ->> 'snapshot_id' as id, request ->> 'name' as name
    from control_plane.operations
    where project_id = ${projectId}::uuid and kind = 'snapshot' and request ? 'name'`;
  return new Map(rows.map((row) => [row.id, row.name]));
}
