import { getProjectApiKeys } from '@org/api-keys';
import { listProjectResources, tenantDatabaseName, tenantRoleName, type DbContext } from '@org/db';
import { getProjectServices } from '@org/services';

/** The part of {@link projectState} that must be empty once a project is cleaned up. */
export const NOTHING_LEFT = { databases: 0, roles: 0, activeKeys: 0, activeServices: [], resources: [] };

/** Everything that exists for a project, across the control plane and the cluster. */
export async function projectState(db: DbContext, projectId: string) {
  const name = tenantDatabaseName(projectId);
  const { sql } = db.client;
  const [database] = await sql<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`;
  const [role] = await sql<
    { n: number }[]
  >`select count(*)::int as n from pg_roles where rolname = ${tenantRoleName(name)}`;
  const services = await getProjectServices(projectId, { db, adapters: undefined as never });
  const keys = await getProjectApiKeys(projectId, {}, db);
  const resources = await listProjectResources(projectId, undefined, db);
  const steps = await sql<{ step: string; status: string; attempts: number }[]>`
    select step, status, attempts from control_plane.provisioning_steps where project_id = ${projectId} order by started_at`;
  const attempts = await sql<{ attempt: number; status: string }[]>`
    select attempt, status from control_plane.provisioning_attempts where project_id = ${projectId} order by started_at`;
  return {
    databases: database!.n,
    roles: role!.n,
    activeServices: services.filter((s) => s.status === 'active').map((s) => s.serviceType),
    activeKeys: keys.length,
    resources: resources.map((r) => `${r.resourceType}:${r.resourceId}`),
    steps,
    attempts,
  };
}
