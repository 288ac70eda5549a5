import { createTenantSchema } from '@org/db';
import type { Step } from '../step.js';
import type { DatabaseOutput } from './database-step.js';

/** schema: the tenant schema inside the new database (dropped with it, so no undo of its own). */
export const schemaStep: Step<'schema', { database: DatabaseOutput }, { version: number }> = {
  name: 'schema',
  retry: 'tenantSchema',
  async run({ payload, earlier, ctx }) {
    const { databaseName, cluster } = earlier.database;
    const result = await createTenantSchema(databaseName, payload.project_id, ctx.db, { cluster });
    return { version: result.version };
  },
};
