import { ensureWebhookQueue } from '@org/webhooks';
import type { PgBoss } from 'pg-boss';
import { lifecycleQueuePolicy, purgeDueQueuePolicy, queuePolicy, refillQueuePolicy } from './queue-policy.js';
import { type QueueSettings } from './queue-settings.js';
import {
  LIFECYCLE_DEAD_LETTER_QUEUE,
  LIFECYCLE_QUEUE,
  PROVISION_DEAD_LETTER_QUEUE,
  PROVISION_QUEUE,
  PURGE_DUE_QUEUE,
  TENANT_POOL_REFILL_QUEUE,
} from '@org/operations';

/**
 * Creates the control plane's queues when they are missing (with these settings). It never changes an
 * existing queue's policy: that is `applyQueuePolicies`', called by the workers alone.
 * Dead-letter queues come first: a queue names its dead-letter queue, which must exist.
 */
export async function ensureQueues(boss: PgBoss, settings: QueueSettings): Promise<void> {
  const missing = async (name: string) => (await boss.getQueue(name)) === null;
  if (await missing(PROVISION_DEAD_LETTER_QUEUE)) {
    await boss.createQueue(PROVISION_DEAD_LETTER_QUEUE, { retryLimit: 5, retryDelay: 10 });
  }
  if (await missing(PROVISION_QUEUE)) {
    await boss.createQueue(PROVISION_QUEUE, { policy: 'exclusive', ...queuePolicy(settings) });
  }
  if (await missing(LIFECYCLE_DEAD_LETTER_QUEUE)) {
    await boss.createQueue(LIFECYCLE_DEAD_LETTER_QUEUE, { retryLimit: 5, retryDelay: 10 });
  }
  if (await missing(LIFECYCLE_QUEUE)) {
    await boss.createQueue(LIFECYCLE_QUEUE, lifecycleQueuePolicy(settings));
  }
  if (await missing(TENANT_POOL_REFILL_QUEUE)) {
    // notify: a request wakes an idle worker at once (a claim wants its database replaced).
    await boss.createQueue(TENANT_POOL_REFILL_QUEUE, { policy: 'stately', ...refillQueuePolicy(settings) });
  }
  if (await missing(PURGE_DUE_QUEUE)) {
    await boss.createQueue(PURGE_DUE_QUEUE, purgeDueQueuePolicy());
  }
  await ensureWebhookQueue(boss, { heartbeatSeconds: settings.heartbeatSeconds });
}
