import { classifyError, ServiceRegistrationError } from '@org/errors';
import { assertProjectId, removeProjectResource } from '@org/db';
import { parseInput } from '@org/db/internal';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { projectServices, SERVICE_TYPES, type ServiceType } from './schema/project-services.js';
import { defaultServicesContext, type ServicesContext } from './services-context.js';

/**
 * Tells the service to disable the project, then marks the registration `disabled` and
 * forgets it as a project resource. Returns false when the project was never registered
 * with that service; disabling twice is a no-op. A failed service call throws a
 * {@link ServiceRegistrationError} and leaves the row as it was.
 */
export async function disableService(
  projectId: string,
  serviceType: ServiceType,
  options: { signal?: AbortSignal } = {},
  ctx: ServicesContext = defaultServicesContext(),
): Promise<boolean> {
  assertProjectId(projectId);
  const type = parseInput(z.object({ serviceType: z.enum(SERVICE_TYPES) }), { serviceType }).serviceType;
  const id = projectId.toLowerCase();
  const where = and(eq(projectServices.projectId, id), eq(projectServices.serviceType, type));
  const [row] = await ctx.db.client.db.select().from(projectServices).where(where);
  if (row === undefined) return false;
  if (row.status !== 'disabled') {
    try {
      await ctx.adapters[type].disable({
        projectId: id,
        serviceType: type,
        serviceId: row.serviceId,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      throw new ServiceRegistrationError(
        type,
        `Could not disable ${type} for project ${id}: ${classifyError(error).reason}`,
        {
          cause: error,
          context: { projectId: id },
        },
      );
    }
    await ctx.db.client.db
      .update(projectServices)
      .set({ status: 'disabled', updatedAt: sql`now()` })
      .where(where);
  }
  await removeProjectResource(id, 'services', type, ctx.db);
  return true;
}
