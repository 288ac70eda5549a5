import { randomUUID } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '@org/errors';
import { eq } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { isKnownRegion } from '../regions/regions.js';
import { projects, type Project } from '../schema/projects.js';
import { isUuid } from '../tenant/tenant-names.js';

export interface CreateProjectParams {
  /** Defaults to a random UUID. */
  id?: string;
  name: string;
  region: string;
  ownerId: string;
  organizationId: string;
}

/**
 * Creates a project row (status active, provisioning pending), on `ctx`'s pool or inside a
 * transaction the caller holds (`tx`, a postgres.js transaction: the HTTP API records the
 * project and its first operation together), with the same checks either way.
 */
export async function createProject(
  params: CreateProjectParams,
  ctx: DbContext | TransactionSql = defaultDbContext(),
): Promise<Project> {
  const issues: ValidationIssue[] = [];
  if (params.id !== undefined && !isUuid(params.id)) issues.push({ path: 'id', message: 'must be a UUID' });
  if (typeof params.name !== 'string' || params.name.trim() === '' || params.name.length > 200) {
    issues.push({ path: 'name', message: 'must be 1-200 characters' });
  }
  if (!isKnownRegion(params.region)) issues.push({ path: 'region', message: 'unknown region' });
  for (const field of ['ownerId', 'organizationId'] as const) {
    const value = params[field];
    if (typeof value !== 'string' || value === '' || value.length > 200) {
      issues.push({ path: field, message: 'must be 1-200 characters' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  // One statement for both: on the pool's Drizzle-wrapped client timestamps come back as text.
  const sql = typeof ctx === 'function' ? ctx : ctx.client.sql;
  const [row] = await sql<ProjectRow[]>`
    insert into control_plane.projects (id, name, region, owner_id, organization_id)
    values (${params.id?.toLowerCase() ?? randomUUID()}, ${params.name}, ${params.region}, ${params.ownerId},
            ${params.organizationId})
    returning *`;
  return toProject(row!);
}

/** A `control_plane.projects` row as a raw query returns it (timestamps as text on a Drizzle pool). */
interface ProjectRow {
  id: string;
  name: string;
  status: Project['status'];
  provisioning_status: Project['provisioningStatus'];
  provisioning_step: string | null;
  provisioning_error: string | null;
  region: string;
  owner_id: string;
  organization_id: string;
  created_at: Date | string;
  updated_at: Date | string;
  provisioned_at: Date | string | null;
  deleted_at: Date | string | null;
  purge_at: Date | string | null;
  status_before_delete: Project['statusBeforeDelete'];
  deletion_protection: boolean;
  snapshot_retention_days: number;
  snapshot_retention_count: number | null;
  state: Project['state'];
}

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    provisioningStatus: row.provisioning_status,
    provisioningStep: row.provisioning_step,
    provisioningError: row.provisioning_error,
    region: row.region,
    ownerId: row.owner_id,
    organizationId: row.organization_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    provisionedAt: dateOrNull(row.provisioned_at),
    deletedAt: dateOrNull(row.deleted_at),
    purgeAt: dateOrNull(row.purge_at),
    statusBeforeDelete: row.status_before_delete,
    deletionProtection: row.deletion_protection,
    snapshotRetentionDays: row.snapshot_retention_days,
    snapshotRetentionCount: row.snapshot_retention_count,
    state: row.state,
  };
}

/** A project by id, or undefined (also for a malformed id). */
export async function getProject(projectId: string, ctx: DbContext = defaultDbContext()): Promise<Project | undefined> {
  if (!isUuid(projectId)) return undefined;
  const [row] = await ctx.client.db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return row;
}
