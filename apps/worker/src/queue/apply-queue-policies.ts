import type { PgBoss } from 'pg-boss';
import {
  applyQueuePolicy,
  lifecycleQueuePolicy,
  queuePolicy,
  refillQueuePolicy,
  type PolicyChanges,
} from './queue-policy.js';
import { type QueueSettings } from './queue-settings.js';
import { LIFECYCLE_QUEUE, PROVISION_QUEUE, TENANT_POOL_REFILL_QUEUE } from '@org/operations';

/**
 * Makes the queues' policies (provisioning; pool refills under `tenant_pool_refill.`, the
 * lifecycle under `project_lifecycle.`) these settings. The workers own the policy and
 * apply theirs on start; `migrate` and `provision` leave it alone, so a shell without the
 * workers' settings cannot change what later jobs get. Returns each setting that changed,
 * with its old and new value.
 */
export async function applyQueuePolicies(boss: PgBoss, settings: QueueSettings): Promise<PolicyChanges> {
  const changed = await applyQueuePolicy(boss, PROVISION_QUEUE, queuePolicy(settings));
  const refill = await applyQueuePolicy(boss, TENANT_POOL_REFILL_QUEUE, refillQueuePolicy(settings));
  for (const [key, change] of Object.entries(refill)) changed[`${TENANT_POOL_REFILL_QUEUE}.${key}`] = change;
  const lifecycle = await applyQueuePolicy(boss, LIFECYCLE_QUEUE, lifecycleQueuePolicy(settings));
  for (const [key, change] of Object.entries(lifecycle)) changed[`${LIFECYCLE_QUEUE}.${key}`] = change;
  return changed;
}
