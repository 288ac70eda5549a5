import { openTenantCredentials } from '@org/db';
import type { ProvisioningData } from '@org/operations';
import type { Step } from '../step.js';
import type { ApiKeysOutput } from './api-keys-step.js';
import type { DatabaseLogin, DatabaseOutput } from './database-step.js';
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
  retry: 'controlPlane',
  async run({ payload, earlier, ctx, run }) {
    const projectId = payload.project_id;
    const { databaseName, roleName, host, port, cluster, sealed } = earlier.database;
    // The database step seals the login for this step; one recorded by an earlier version
    // did not, and the record is read instead.
    const login: DatabaseLogin =
      sealed === undefined
        ? await openTenantCredentials(databaseName, ctx.db)
        : (JSON.parse(ctx.db.secrets.open(sealed, projectId)) as DatabaseLogin);
    const data: ProvisioningData = {
      database: {
        name: databaseName,
        host,
        port,
        user: roleName,
        password: login.password,
        connection_string: login.connectionString,
        region: payload.region,
        cluster,
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
