import { resumeApiKeys, suspendApiKeys } from '@org/api-keys';
import { setTenantLogin, tenantDatabaseName } from '@org/db';
import { retryPresets, type RetryConfig } from '@org/retry';
import { PROVISIONING } from '../provisioning/provisioning-steps.js';
import type { WorkerContext } from '../provisioning/worker-context.js';

/** One step of a lifecycle operation: idempotent, so a run after a crash may repeat it. */
export interface LifecycleStep {
  name: string;
  retry: RetryConfig;
  run: (projectId: string, ctx: WorkerContext) => Promise<unknown>;
  /** Puts back what `run` changed, when the operation fails for good after it. */
  undo?: (projectId: string, ctx: WorkerContext) => Promise<unknown>;
}

/** The lifecycle operations: the kinds a worker runs besides provisioning. */
export type LifecycleKind = 'suspend' | 'resume' | 'delete';

const keys = (action: 'suspend' | 'resume') => (projectId: string, ctx: WorkerContext) =>
  action === 'suspend' ? suspendApiKeys(projectId, ctx.db) : resumeApiKeys(projectId, ctx.db);
const login = (action: 'suspend' | 'resume') => (projectId: string, ctx: WorkerContext) =>
  setTenantLogin(tenantDatabaseName(projectId), action, ctx.db);

/**
 * What each lifecycle operation does, in order. Suspending takes the keys first (a request
 * with a key is refused from the first step on), then the tenant role's login; resuming
 * gives them back the other way round. Deleting is every provisioning step's undo, last
 * step first (what a final failure's compensation does), then lifts a suspension the
 * project may have had (its keys are revoked by then).
 */
export const LIFECYCLE_STEPS: Record<LifecycleKind, readonly LifecycleStep[]> = {
  suspend: [
    { name: 'api_keys', retry: retryPresets.apiKeys, run: keys('suspend'), undo: keys('resume') },
    { name: 'database', retry: retryPresets.apiKeys, run: login('suspend'), undo: login('resume') },
  ],
  resume: [
    { name: 'database', retry: retryPresets.apiKeys, run: login('resume'), undo: login('suspend') },
    { name: 'api_keys', retry: retryPresets.apiKeys, run: keys('resume'), undo: keys('suspend') },
  ],
  delete: [
    ...[...PROVISIONING.steps].reverse().flatMap((step) => {
      const undo = step.undo;
      return undo === undefined ? [] : [{ name: step.name, retry: step.retry, run: undo }];
    }),
    { name: 'suspension', retry: retryPresets.apiKeys, run: keys('resume') },
  ],
};
