import type { Sql } from 'postgres';
import type { AdminToken } from '../auth/admin-token-store.js';
import { LruMap } from '@org/db';

// A project's organization never changes, so what was read once holds.
const organizations = new LruMap<string, string>(100_000);

/** The organization of a project, or undefined when there is no such project. */
export async function projectOrganization(sql: Sql, projectId: string): Promise<string | undefined> {
  const known = organizations.get(projectId);
  if (known !== undefined) return known;
  const [row] = await sql<{ organization_id: string }[]>`
    select organization_id from control_plane.projects where id = ${projectId}::uuid`;
  if (row === undefined) return undefined;
  organizations.set(projectId, row.organization_id);
  return row.organization_id;
}

/**
 * Whether `token` may see the project: a token of every organization sees all, a token of
 * one organization only its own. What it may not see does not exist for it (404, never 403).
 */
export async function canSeeProject(sql: Sql, token: AdminToken, projectId: string): Promise<boolean> {
  const organization = await projectOrganization(sql, projectId);
  return organization !== undefined && (token.organizationId === null || token.organizationId === organization);
}
