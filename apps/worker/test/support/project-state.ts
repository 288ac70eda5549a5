import { getProjectApiKeys } from '@org/api-keys';
import { listProjectResources, tenantDatabaseName, tenantRoleName, type DbContext } from '@org/db';
import type { ProvisioningJournal } from '../../src/journal/index.js';
import { inTableOrder } from '../../src/provisioning/provisioning-steps.js';
import { getProjectServices } from '@org/services';

/** The part of {@link projectState} that must be empty once a project is cleaned up. */
export const NOTHING_LEFT = { databases: 0, roles: 0, activeKeys: 0, activeServices: [], resources: [] };

/** Everything that exists for a project, across the control plane and the cluster. */
export async function projectState(
  { db, journal }: { db: DbContext; journal: ProvisioningJournal },
  projectId: string,
) {
  const name = tenantDatabaseName(projectId);
  const { sql } = db.client;
  const [database] = await sql<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`;
  const [role] = await sql<
    { n: number }[]
  >`select count(*)::int as n from pg_roles where rolname = ${tenantRoleName(name)}`;
  const services = await getProjectServices(projectId, { db, adapters: undefined as never });
  const keys = await getProjectApiKeys(projectId, {}, db);
  const resources = await listProjectResources(projectId, undefined, db);
  const recorded = await journal.readStatus(projectId);
  const steps = inTableOrder(recorded?.steps ?? []).map(({ step, status, attempts }) => ({ step, status, attempts }));
  const attempts = (recorded?.attempts ?? []).map(({ attempt, status }) => ({ attempt, status }));
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
