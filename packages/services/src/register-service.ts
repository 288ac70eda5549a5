import { classifyError, ProjectNotFoundError, ServiceRegistrationError } from '@org/errors';
import { isKnownRegion, projects, recordProjectResource } from '@org/db';
import { parseInput } from '@org/db/internal';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pendingServiceId } from './pending-service-id.js';
import { projectServices, SERVICE_TYPES, type ProjectService, type ServiceType } from './schema/project-services.js';
import { toProjectService, type ProjectServiceRow } from './to-project-service.js';
import { defaultServicesContext, type ServicesContext } from './services-context.js';

const paramsSchema = z.strictObject({
  projectId: z.uuid({ error: 'must be a UUID' }),
  region: z.string().refine(isKnownRegion, 'unknown region'),
  config: z
    .record(z.string().max(100), z.json())
    .refine((config) => JSON.stringify(config).length <= 16_384, 'must be at most 16 KiB of JSON')
    .default({}),
});

export type RegisterServiceParams = z.input<typeof paramsSchema>;

export interface RegisterOptions {
  /** Aborts the service call. */
  signal?: AbortSignal;
}

/**
 * Registers a project with a service. Idempotent: an active registration is returned as it
 * is; a disabled or errored one is registered again. On final failure the row says `error`
 * with the reason and a {@link ServiceRegistrationError} is thrown. Bad input writes nothing.
 */
export async function registerService(
  serviceType: ServiceType,
  params: RegisterServiceParams,
  options: RegisterOptions = {},
  ctx: ServicesContext = defaultServicesContext(),
): Promise<ProjectService> {
  const type = parseInput(z.object({ serviceType: z.enum(SERVICE_TYPES) }), { serviceType }).serviceType;
  const input = parseInput(paramsSchema, params);
  const projectId = input.projectId.toLowerCase();
  const { db } = ctx.db.client;
  // The project and its registration in one round trip.
  const [found] = await db
    .select({ projectId: projects.id, service: projectServices })
    .from(projects)
    .leftJoin(projectServices, and(eq(projectServices.projectId, projects.id), eq(projectServices.serviceType, type)))
    .where(eq(projects.id, projectId));
  if (found === undefined) throw new ProjectNotFoundError(projectId);
  const existing = found.service ?? undefined;
  if (existing?.status === 'active') {
    // A run that died between registering and recording left no resource record: repair it.
    await recordProjectResource(projectId, 'services', type, { serviceId: existing.serviceId }, ctx.db);
    return existing;
  }

  let registration;
  try {
    registration = await ctx.adapters[type].register({
      projectId,
      region: input.region,
      serviceType: type,
      config: input.config,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    const failure = ServiceRegistrationError.is(error)
      ? error
      : new ServiceRegistrationError(type, `Could not register project with ${type}: ${classifyError(error).reason}`, {
          cause: error,
          context: { projectId, region: input.region },
        });
    await upsert(ctx, {
      projectId,
      serviceType: type,
      serviceId: existing?.serviceId ?? pendingServiceId(type),
      endpoint: existing?.endpoint ?? null,
      config: input.config,
      status: 'error',
      errorReason: `${classifyError(error).code}: ${failure.message}`.slice(0, 500),
    });
    throw failure;
  }

  return recordActive(ctx, projectId, type, registration, input.config);
}

/** The active row and its resource record, in one statement (one round trip, one commit). */
async function recordActive(
  ctx: ServicesContext,
  projectId: string,
  type: ServiceType,
  registration: { serviceId: string; endpoint: string },
  config: Record<string, unknown>,
): Promise<ProjectService> {
  // jsonb as text: Drizzle replaces the pool's JSON serializers with pass-through ones.
  const [row] = await ctx.db.client.sql<ProjectServiceRow[]>`
    with service as (
      insert into control_plane.project_services (project_id, service_type, service_id, endpoint, config, status)
      values (${projectId}, ${type}, ${registration.serviceId}, ${registration.endpoint}, ${JSON.stringify(config)}::jsonb, 'active')
      on conflict (project_id, service_type) do update
      set service_id = excluded.service_id, endpoint = excluded.endpoint, config = excluded.config,
          status = 'active', error_reason = null, updated_at = now()
      returning *),
    resource as (
      insert into control_plane.project_resources (project_id, resource_type, resource_id, metadata)
      values (${projectId}, 'services', ${type}, ${JSON.stringify({ serviceId: registration.serviceId })}::jsonb)
      on conflict (project_id, resource_type, resource_id) do update
      set metadata = project_resources.metadata || excluded.metadata, updated_at = now())
    select * from service`;
  return toProjectService(row!);
}

async function upsert(ctx: ServicesContext, values: typeof projectServices.$inferInsert): Promise<ProjectService> {
  const [row] = await ctx.db.client.db
    .insert(projectServices)
    .values(values)
    .onConflictDoUpdate({
      target: [projectServices.projectId, projectServices.serviceType],
      set: {
        serviceId: values.serviceId,
        endpoint: values.endpoint,
        config: values.config,
        status: values.status,
        errorReason: values.errorReason,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/** The contract's `registerAuthService`. */
export function registerAuthService(params: RegisterServiceParams, options?: RegisterOptions, ctx?: ServicesContext) {
  return registerService('auth', params, options, ctx);
}

/** The contract's `registerRealtimeService`. */
export function registerRealtimeService(
  params: RegisterServiceParams,
  options?: RegisterOptions,
  ctx?: ServicesContext,
) {
  return registerService('realtime', params, options, ctx);
}

/** The contract's `registerStorageService`. */
export function registerStorageService(
  params: RegisterServiceParams,
  options?: RegisterOptions,
  ctx?: ServicesContext,
) {
  return registerService('storage', params, options, ctx);
}
