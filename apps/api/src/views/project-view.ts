import { activeApiKeyCountSql } from '@org/api-keys';
import { isUuid, SharedLookups } from '@org/db';
import { registeredServiceId } from '@org/services';
import type { Sql, TransactionSql } from 'postgres';
import type { z } from 'zod';
import type { projectSchema } from '../schemas/project-schemas.js';
import type { ProjectState } from '../schemas/project-states.js';
import { isoTime } from './iso-time.js';

/** A project as the API shows it. */
export type ProjectView = z.output<typeof projectSchema>;

interface ProjectRow {
  view: Omit<ProjectView, 'created_at' | 'updated_at' | 'provisioned_at' | 'deleted_at' | 'purge_at'> & {
    created_at: string;
    updated_at: string;
    provisioned_at: string | null;
    deleted_at: string | null;
    purge_at: string | null;
  };
  created_at: string;
}

// The API's read model over the packages' tables: a project, where its database lives,
// its services and how many keys are active (@org/api-keys' own rule), in one statement
// (one round trip per GET).
const VIEW = (sql: Sql | TransactionSql) => sql`
  select json_build_object(
    'id', p.id, 'name', p.name, 'organization_id', p.organization_id, 'owner_id', p.owner_id, 'region', p.region,
    'status', p.state, 'provisioning_status', p.provisioning_status,
    'cluster', d.metadata->>'cluster', 'last_error', p.provisioning_error,
    'created_at', p.created_at, 'updated_at', p.updated_at, 'provisioned_at', p.provisioned_at,
    'deletion_protection', p.deletion_protection, 'deleted_at', p.deleted_at, 'purge_at', p.purge_at,
    'snapshot_retention_days', p.snapshot_retention_days, 'snapshot_retention_count', p.snapshot_retention_count,
    'resources', json_build_object(
      'database', case when d.resource_id is null then null else json_build_object(
        'name', d.resource_id, 'cluster', d.metadata->>'cluster', 'status', d.metadata->>'status') end,
      'services', coalesce((select json_agg(json_build_object('type', s.service_type, 'service_id', s.service_id,
          'status', s.status) order by s.service_type)
        from control_plane.project_services s where s.project_id = p.id), '[]'::json),
      'api_keys', json_build_object('active', ${activeApiKeyCountSql(sql, sql`p.id`)}))
  ) as view, p.created_at::text as created_at
  from control_plane.projects p
  left join lateral (select r.resource_id, r.metadata from control_plane.project_resources r
    where r.project_id = p.id and r.resource_type = 'databases' limit 1) d on true`;

function toView(row: ProjectRow): ProjectView {
  const { resources } = row.view;
  return {
    ...row.view,
    resources: {
      ...resources,
      services: resources.services.map((service) => ({
        ...service,
        service_id: registeredServiceId(service.type, service.service_id ?? ''),
      })),
    },
    created_at: isoTime(row.view.created_at),
    updated_at: isoTime(row.view.updated_at),
    provisioned_at: isoTime(row.view.provisioned_at),
    deleted_at: isoTime(row.view.deleted_at),
    purge_at: isoTime(row.view.purge_at),
  };
}

/** One project, when `organizationId` (null: any) may see it. */
export async function readProject(
  sql: Sql | TransactionSql,
  id: string,
  organizationId: string | null,
): Promise<ProjectView | undefined> {
  const [row] = await sql<ProjectRow[]>`
    ${VIEW(sql)} where p.id = ${id}::uuid and (${organizationId}::text is null or p.organization_id = ${organizationId})`;
  return row === undefined ? undefined : toView(row);
}

/** One project's read as {@link readProject} answers it: what {@link sharedProjectReads} returns. */
export type ReadProject = (id: string, organizationId: string | null) => Promise<ProjectView | undefined>;

/**
 * One project, as {@link readProject} reads it, for the route that answers most reads: under
 * load, concurrent reads on `sql` share queries (`SharedLookups`, `@org/db`; one for all the
 * distinct ids that queued while a quarter of the pool was busy with them). Each answer still
 * comes from a statement sent after it was asked, so it shows every change committed before.
 * Reads share their answer: it is read-only. A read queued longer than `maxQueuedMs` (its
 * request answered at its limit) is refused, not sent.
 */
export function sharedProjectReads(sql: Sql, options: { maxQueuedMs: number }): ReadProject {
  // Made at the first read: a server built only for its OpenAPI document has no pool.
  let reads: SharedLookups<ProjectRow, ProjectView> | undefined;
  const open = () =>
    new SharedLookups<ProjectRow, ProjectView>(
      sql,
      {
        one: (key) => sql<ProjectRow[]>`${VIEW(sql)} where p.id = ${key}::uuid`,
        many: (keys) => sql<ProjectRow[]>`${VIEW(sql)} where p.id in ${sql(keys)}`,
        keyOf: (row) => row.view.id,
        valueOf: toView,
      },
      { what: 'project reads', maxQueuedMs: options.maxQueuedMs },
    );
  return async (id, organizationId) => {
    // Not a uuid: no project, and no query that another read's answer would fail with.
    if (!isUuid(id)) return undefined;
    reads ??= open();
    // The database writes a uuid in lower case; the rows of a shared query are told apart by it.
    const project = await reads.lookup(id.toLowerCase()).answer;
    if (project === null || (organizationId !== null && project.organization_id !== organizationId)) return undefined;
    return project;
  };
}

/** A page of projects, newest first; `cursor` is the last one's position from the page before. */
export async function listProjects(
  sql: Sql,
  filter: {
    organizationId: string | null;
    state?: ProjectState | undefined;
    region?: string | undefined;
    cluster?: string | undefined;
    search?: string | undefined;
    failedCode?: string | undefined;
    limit: number;
    after?: { createdAt: string; id: string } | undefined;
  },
): Promise<{ projects: ProjectView[]; next: { createdAt: string; id: string } | undefined }> {
  const search = filter.search === undefined ? null : `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await sql<ProjectRow[]>`
    ${VIEW(sql)}
    where (${filter.organizationId}::text is null or p.organization_id = ${filter.organizationId})
      and (${filter.state ?? null}::text is null or p.state = ${filter.state ?? null})
      and (${filter.region ?? null}::text is null or p.region = ${filter.region ?? null})
      and (${filter.cluster ?? null}::text is null or d.metadata->>'cluster' = ${filter.cluster ?? null})
      and (${search}::text is null or p.name ilike ${search} or p.id::text ilike ${search})
      and (${filter.failedCode ?? null}::text is null or exists (
        select 1 from control_plane.provisioning_attempts a
        where a.project_id = p.id and a.kind = 'provision' and a.status = 'failed' and a.finished_at > now() - interval '24 hours'
          and a.error->>'code' = ${filter.failedCode ?? null}))
      and (${filter.after?.createdAt ?? null}::timestamptz is null
           or (p.created_at, p.id) < (${filter.after?.createdAt ?? null}::timestamptz, ${filter.after?.id ?? null}::uuid))
    order by p.created_at desc, p.id desc
    limit ${filter.limit + 1}`;
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    projects: page.map(toView),
    next: more && last !== undefined ? { createdAt: last.created_at, id: last.view.id } : undefined,
  };
}
