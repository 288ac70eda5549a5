import { generateApiKeys, getProjectApiKeys, revokeApiKey } from '@org/api-keys';
import { RegionUnavailableError } from '@org/errors';
import { createTenantDatabase, createTenantSchema, findProjectResource, type TenantDatabase } from '@org/db';
import { retryPresets, withRetryParallel } from '@org/retry';
import { getProjectServices, registerService, SERVICE_TYPES, type ServiceType } from '@org/services';
import type { ProvisioningPayload } from './provisioning-payload.js';
import { scaleRetryDelays } from './scale-retry-delays.js';
import type { StepRunner } from './step-runner.js';
import { checkQuotaLimit, isRegionAvailable, updateProjectProvisioningStatus } from './validation.js';
import type { WorkerContext } from './worker-context.js';

/** Who generated a key: keys with this creator belong to a provisioning run. */
export const PROVISIONING_KEY_CREATOR = 'provisioning';

type Database = Omit<TenantDatabase, 'password' | 'connectionString'>;

/** validate: region reachable, quotas free; the project moves to `provisioning`. */
export function validateStep(runner: StepRunner, payload: ProvisioningPayload, ctx: WorkerContext) {
  return runner.run('validate', retryPresets.database, async () => {
    const projectId = payload.project_id;
    if (!(await isRegionAvailable(payload.region, ctx.db))) {
      throw new RegionUnavailableError(payload.region, {
        retryable: true,
        message: `No reachable cluster in ${payload.region}`,
      });
    }
    const wantedServices = SERVICE_TYPES.filter((type) => payload.services[type]);
    await checkQuotaLimit(projectId, 'databases', 1, ctx.db);
    await checkQuotaLimit(projectId, 'services', wantedServices.length, ctx.db);
    await checkQuotaLimit(projectId, 'api_keys', payload.api_keys.count, ctx.db);
    await updateProjectProvisioningStatus(projectId, 'provisioning', { error: null }, ctx.db);
    return { region: payload.region, services: wantedServices, apiKeys: payload.api_keys.count };
  });
}

/** database: the tenant database and its role on the region's cluster. No password in the output. */
export function databaseStep(runner: StepRunner, payload: ProvisioningPayload, ctx: WorkerContext): Promise<Database> {
  return runner.run('database', retryPresets.database, async () => {
    const {
      password: _password,
      connectionString: _connection,
      ...database
    } = await createTenantDatabase(payload.project_id, payload.region, ctx.db);
    await ctx.onCheckpoint?.('database:created', payload.project_id);
    return database;
  });
}

/** schema: the tenant schema inside the new database. */
export function schemaStep(runner: StepRunner, payload: ProvisioningPayload, database: Database, ctx: WorkerContext) {
  return runner.run('schema', retryPresets.schema, async () => {
    const result = await createTenantSchema(database.databaseName, payload.project_id, ctx.db);
    return { version: result.version };
  });
}

/** services: every requested service, registered in parallel, each with its own retry. */
export function servicesStep(runner: StepRunner, payload: ProvisioningPayload, ctx: WorkerContext) {
  // The retry is per service (withRetryParallel), so the step itself runs once per attempt.
  return runner.run('services', { maxAttempts: 1 }, async (signal) => {
    const wanted = SERVICE_TYPES.filter((type) => payload.services[type]);
    const preset = scaleRetryDelays(retryPresets.services, ctx.retryDelayScale);
    const rows = await withRetryParallel(
      wanted.map((type) => async () => {
        const row = await registerService(
          type,
          { projectId: payload.project_id, region: payload.region },
          { signal },
          ctx.services,
        );
        await ctx.onCheckpoint?.(`services:registered:${type}`, payload.project_id);
        return row;
      }),
      wanted,
      preset,
    );
    const output: Partial<Record<ServiceType, { serviceId: string; endpoint: string | null }>> = {};
    for (const row of rows) output[row.serviceType] = { serviceId: row.serviceId, endpoint: row.endpoint };
    return output;
  });
}

/**
 * api_keys: the requested keys. Keys a crashed earlier run generated but never recorded
 * as done are revoked first: their plaintext is lost, and the project must end with
 * exactly the requested keys. The plaintext travels on to the last step only sealed.
 */
export function apiKeysStep(runner: StepRunner, payload: ProvisioningPayload, ctx: WorkerContext) {
  return runner.run('api_keys', retryPresets.apiKeys, async () => {
    const projectId = payload.project_id;
    for (const stale of await getProjectApiKeys(projectId, {}, ctx.db)) {
      if (stale.createdBy === PROVISIONING_KEY_CREATOR) await revokeApiKey(stale.id, ctx.db);
    }
    const keys = await generateApiKeys(
      {
        projectId,
        count: payload.api_keys.count,
        prefix: payload.api_keys.prefix,
        name: 'default',
        createdBy: PROVISIONING_KEY_CREATOR,
      },
      {},
      ctx.db,
    );
    await ctx.onCheckpoint?.('api_keys:generated', payload.project_id);
    const plaintext = keys.map((key) => ({
      id: key.id,
      key: key.key,
      name: key.name,
      prefix: key.prefix,
      start: key.start,
      scopes: key.scopes,
    }));
    return {
      keys: keys.map((key) => ({ id: key.id, start: key.start })),
      sealed: ctx.db.secrets.seal(JSON.stringify(plaintext), projectId),
    };
  });
}

/** The tenant role's password, unsealed from the database's resource record. */
export async function tenantPassword(databaseName: string, ctx: WorkerContext): Promise<string> {
  const record = await findProjectResource('databases', databaseName, ctx.db);
  const sealed = record?.metadata['passwordSealed'];
  if (typeof sealed !== 'string') throw new Error(`no sealed password recorded for ${databaseName}`);
  return ctx.db.secrets.open(sealed, databaseName);
}

/** The services as recorded, for the result. */
export async function recordedServices(projectId: string, ctx: WorkerContext) {
  return (await getProjectServices(projectId, ctx.services)).filter((row) => row.status === 'active');
}
