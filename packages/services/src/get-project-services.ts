import { isUuid } from '@org/db';
import { asc, eq } from 'drizzle-orm';
import { projectServices, type ProjectService } from './schema/project-services.js';
import { defaultServicesContext, type ServicesContext } from './services-context.js';

/** Every registration of a project, whatever its status, in service-type order. */
export async function getProjectServices(
  projectId: string,
  ctx: ServicesContext = defaultServicesContext(),
): Promise<ProjectService[]> {
  if (!isUuid(projectId)) return [];
  return ctx.db.client.db
    .select()
    .from(projectServices)
    .where(eq(projectServices.projectId, projectId.toLowerCase()))
    .orderBy(asc(projectServices.serviceType));
}
