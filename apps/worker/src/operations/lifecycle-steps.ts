import { resumeApiKeys, suspendApiKeys } from '@org/api-keys';
import { findTenantDatabaseRecord, resetTenantPassword, setTenantLogin, tenantDatabaseName } from '@org/db';
import { PROVISIONING } from '../provisioning/provisioning-steps.js';
import type { RetryPolicyName } from '../provisioning/retry-policies.js';
import type { WorkerContext } from '../provisioning/worker-context.js';

/** One step of a lifecycle operation: idempotent, so a run after a crash may repeat it. */
export interface LifecycleStep {
  name: string;
  /** Its retry policy, by what it talks to. */
  retry: RetryPolicyName;
  run: (projectId: string, ctx: WorkerContext) => Promise<unknown>;
  /** Puts back what `run` changed, when the operation fails for good after it. */
  undo?: (projectId: string, ctx: WorkerContext) => Promise<unknown>;
}

/** The lifecycle operations: the kinds a worker runs besides provisioning. */
export const LIFECYCLE_KINDS = ['suspend', 'resume', 'delete', 'reset_password'] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];

const keys = (action: 'suspend' | 'resume') => (projectId: string, ctx: WorkerContext) =>
  action === 'suspend' ? suspendApiKeys(projectId, ctx.db) : resumeApiKeys(projectId, ctx.db);
const login = (action: 'suspend' | 'resume') => (projectId: string, ctx: WorkerContext) =>
  setTenantLogin(tenantDatabaseName(projectId), action, ctx.db);

/**
 * A new password for the tenant role, kept as the project's one-time result (replacing one
 * not claimed yet, whose password no longer works): claimed once, like a provisioning's.
 */
async function resetPassword(projectId: string, ctx: WorkerContext): Promise<void> {
  const credentials = await resetTenantPassword(tenantDatabaseName(projectId), ctx.db);
  const record = await findTenantDatabaseRecord(credentials.databaseName, ctx.db);
  await ctx.journal.results.replace(projectId, {
    database: {
      name: credentials.databaseName,
      host: credentials.host,
      port: credentials.port,
      user: credentials.user,
      password: credentials.password,
      connection_string: credentials.connectionString,
      region: record?.metadata.region ?? '',
      cluster: credentials.cluster,
    },
    services: {},
    api_keys: [],
    metadata: {
      project_id: projectId,
      region: record?.metadata.region ?? '',
      provisioned_at: new Date().toISOString(),
      attempt: 1,
      duration_ms: 0,
      steps: ['password'],
    },
  });
}

/**
 * What each lifecycle operation does, in order. Suspending takes the keys first (a request
 * with a key is refused from the first step on), then the tenant role's login; resuming
 * gives them back the other way round. Deleting is every provisioning step's undo, last
 * step first (what a final failure's compensation does), then lifts a suspension the
 * project may have had (its keys are revoked by then). Resetting the password is one step,
 * safe to repeat (each run makes a new password and keeps the last one made).
 */
export const LIFECYCLE_STEPS: Record<LifecycleKind, readonly LifecycleStep[]> = {
  suspend: [
    { name: 'api_keys', retry: 'apiKeys', run: keys('suspend'), undo: keys('resume') },
    { name: 'database', retry: 'tenantDatabase', run: login('suspend'), undo: login('resume') },
  ],
  resume: [
    { name: 'database', retry: 'tenantDatabase', run: login('resume'), undo: login('suspend') },
    { name: 'api_keys', retry: 'apiKeys', run: keys('resume'), undo: keys('suspend') },
  ],
  delete: [
    ...[...PROVISIONING.steps].reverse().flatMap((step) => {
      const undo = step.undo;
      return undo === undefined ? [] : [{ name: step.name, retry: step.retry, run: undo }];
    }),
    { name: 'suspension', retry: 'apiKeys', run: keys('resume') },
  ],
  reset_password: [{ name: 'password', retry: 'tenantDatabase', run: resetPassword }],
};
