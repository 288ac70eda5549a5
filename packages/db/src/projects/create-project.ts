import { ValidationError, type ValidationIssue } from '@org/errors';
import { eq } from 'drizzle-orm';
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

/** Creates a project row (status active, provisioning pending). */
export async function createProject(
  params: CreateProjectParams,
  ctx: DbContext = defaultDbContext(),
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
  const [row] = await ctx.client.db
    .insert(projects)
    .values({
      ...(params.id === undefined ? {} : { id: params.id.toLowerCase() }),
      name: params.name,
      region: params.region,
      ownerId: params.ownerId,
      organizationId: params.organizationId,
    })
    .returning();
  return row as Project;
}

/** A project by id, or undefined (also for a malformed id). */
export async function getProject(projectId: string, ctx: DbContext = defaultDbContext()): Promise<Project | undefined> {
  if (!isUuid(projectId)) return undefined;
  const [row] = await ctx.client.db.select().from(projects).where(eq(projects.id, projectId)).limit(1);
  return row;
}
