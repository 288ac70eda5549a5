import { classifyError, ProjectNotFoundError, ServiceRegistrationError } from '@org/errors';
import { isKnownRegion, projects, recordProjectResource } from '@org/db';
import { parseInput } from '@org/db/internal';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { projectServices, SERVICE_TYPES, type ProjectService, type ServiceType } from './schema/project-services.js';
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
      serviceId: existing?.serviceId ?? `${type}_pending`,
      endpoint: existing?.endpoint ?? null,
      config: input.config,
      status: 'error',
      errorReason: `${classifyError(error).code}: ${failure.message}`.slice(0, 500),
    });
    throw failure;
  }

  // Side by side: a crash between the two is repaired by the next call (see above).
  const [row] = await Promise.all([
    upsert(ctx, {
      projectId,
      serviceType: type,
      serviceId: registration.serviceId,
      endpoint: registration.endpoint,
      config: input.config,
      status: 'active',
      errorReason: null,
    }),
    recordProjectResource(projectId, 'services', type, { serviceId: registration.serviceId }, ctx.db),
  ]);
  return row;
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

/** The spec's `registerAuthService`. */
export function registerAuthService(params: RegisterServiceParams, options?: RegisterOptions, ctx?: ServicesContext) {
  return registerService('auth', params, options, ctx);
}

/** The spec's `registerRealtimeService`. */
export function registerRealtimeService(
  params: RegisterServiceParams,
  options?: RegisterOptions,
  ctx?: ServicesContext,
) {
  return registerService('realtime', params, options, ctx);
}

/** The spec's `registerStorageService`. */
export function registerStorageService(
  params: RegisterServiceParams,
  options?: RegisterOptions,
  ctx?: ServicesContext,
) {
  return registerService('storage', params, options, ctx);
}
