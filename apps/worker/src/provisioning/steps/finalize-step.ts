import { openTenantCredentials } from '@org/db';
import type { ProvisioningData } from '../provisioning-result.js';
import type { Step } from '../step.js';
import type { ApiKeysOutput } from './api-keys-step.js';
import type { DatabaseOutput } from './database-step.js';
import type { ServicesOutput } from './services-step.js';

/**
 * finalize: the one-time result (credentials, endpoints, keys), sealed. The run's
 * settlement stores it and marks the project provisioned in the same commit.
 */
export const finalizeStep: Step<
  'finalize',
  { database: DatabaseOutput; services: ServicesOutput; api_keys: ApiKeysOutput },
  { sealed: string }
> = {
  name: 'finalize',
  retry: { maxAttempts: 3, initialDelay: 200 },
  async run({ payload, earlier, ctx, run }) {
    const projectId = payload.project_id;
    const credentials = await openTenantCredentials(earlier.database.databaseName, ctx.db);
    const data: ProvisioningData = {
      database: {
        name: credentials.databaseName,
        host: credentials.host,
        port: credentials.port,
        user: credentials.user,
        password: credentials.password,
        connection_string: credentials.connectionString,
        region: payload.region,
        cluster: credentials.cluster,
      },
      services: Object.fromEntries(
        Object.entries(earlier.services).map(([type, service]) => [
          type,
          { service_id: service.serviceId, endpoint: service.endpoint, status: 'active' },
        ]),
      ),
      api_keys: JSON.parse(ctx.db.secrets.open(earlier.api_keys.sealed, projectId)) as ProvisioningData['api_keys'],
      metadata: {
        project_id: projectId,
        region: payload.region,
        provisioned_at: new Date().toISOString(),
        attempt: run.attempt,
        duration_ms: Date.now() - run.startedAt,
        steps: [...run.steps],
      },
    };
    return { sealed: ctx.journal.results.seal(projectId, data) };
  },
};
