import type { Sql } from 'postgres';

/**
 * This process's connections to the control-plane server, by pool and state, from
 * pg_stat_activity: every pool names its connections `<applicationName><suffix>`.
 */
export async function readConnections(
  sql: Sql,
  applicationName: string,
): Promise<{ pool: string; state: string; count: number }[]> {
  const rows = await sql<{ name: string; state: string | null; count: number }[]>`
    select application_name as name, state, count(*)::int as count
    from pg_stat_activity
    where application_name = ${applicationName} or application_name like ${`${applicationName}-%`}
    group by 1, 2`;
  return rows.map((row) => ({
    pool: row.name === applicationName ? 'control-plane' : row.name.slice(applicationName.length + 1),
    state: row.state ?? 'unknown',
    count: row.count,
  }));
}
