import { and, eq, sql as raw } from 'drizzle-orm';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { projectResources, type ProjectResource, type ResourceType } from '../schema/project-resources.js';
import type { ResourceMetadata } from './resource-metadata.js';

/**
 * Records (or updates, merging metadata) a resource a project owns. Called before the
 * resource is made where possible, so a crash in between leaves a record to clean up.
 */
export async function recordProjectResource<Type extends ResourceType>(
  projectId: string,
  resourceType: Type,
  resourceId: string,
  metadata: Partial<ResourceMetadata<Type>> = {},
  ctx: DbContext = defaultDbContext(),
): Promise<ProjectResource> {
  const [row] = await ctx.client.db
    .insert(projectResources)
    .values({ projectId, resourceType, resourceId, metadata })
    .onConflictDoUpdate({
      target: [projectResources.projectId, projectResources.resourceType, projectResources.resourceId],
      set: { metadata: raw`${projectResources.metadata} || excluded.metadata`, updatedAt: raw`now()` },
    })
    .returning();
  return row as ProjectResource;
}

/** The record of one resource, or undefined. */
export async function findProjectResource(
  resourceType: ResourceType,
  resourceId: string,
  ctx: DbContext = defaultDbContext(),
): Promise<ProjectResource | undefined> {
  const [row] = await ctx.client.db
    .select()
    .from(projectResources)
    .where(and(eq(projectResources.resourceType, resourceType), eq(projectResources.resourceId, resourceId)))
    .limit(1);
  return row;
}

/** Forgets a resource once it no longer exists. */
export async function removeProjectResource(
  projectId: string,
  resourceType: ResourceType,
  resourceId: string,
  ctx: DbContext = defaultDbContext(),
): Promise<void> {
  await ctx.client.db
    .delete(projectResources)
    .where(
      and(
        eq(projectResources.projectId, projectId),
        eq(projectResources.resourceType, resourceType),
        eq(projectResources.resourceId, resourceId),
      ),
    );
}

/** Everything recorded for a project, optionally of one type. */
export async function listProjectResources(
  projectId: string,
  resourceType?: ResourceType,
  ctx: DbContext = defaultDbContext(),
): Promise<ProjectResource[]> {
  return ctx.client.db
    .select()
    .from(projectResources)
    .where(
      resourceType === undefined
        ? eq(projectResources.projectId, projectId)
        : and(eq(projectResources.projectId, projectId), eq(projectResources.resourceType, resourceType)),
    )
    .orderBy(projectResources.createdAt);
}
