import type { StatementSql } from './jsonb.js';

/** A deletion is under way: the project shows `deprovisioning` until it settles. */
export async function markProjectDeleting(sql: StatementSql, projectId: string): Promise<void> {
  await sql`
    update control_plane.projects set provisioning_status = 'deprovisioning', updated_at = now()
    where id = ${projectId}`;
}
