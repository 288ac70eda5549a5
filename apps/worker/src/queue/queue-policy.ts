import type { PgBoss } from 'pg-boss';
import { type QueueSettings } from './queue-settings.js';
import { DELETION_RETENTION_BOUNDS, LIFECYCLE_DEAD_LETTER_QUEUE, PROVISION_DEAD_LETTER_QUEUE } from '@org/operations';

/** Each setting an update changed, with its old and new value. */
export type PolicyChanges = Record<string, { from: unknown; to: unknown }>;

/** The queue options that carry the settings: attempts, retry delay, heartbeat, expiry. */
export function queuePolicy(settings: QueueSettings) {
  return {
    retryLimit: settings.attempts - 1,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: false,
    heartbeatSeconds: settings.heartbeatSeconds,
    expireInSeconds: settings.expireInSeconds,
    notify: true,
    deadLetter: PROVISION_DEAD_LETTER_QUEUE,
  };
}

/**
 * The warm-pool refill queue's options. Its heartbeat matters as much as a provisioning's: a
 * refill job whose worker died stays active, and under the `stately` policy no other refill
 * of that cluster starts, until the heartbeat runs out.
 */
export function refillQueuePolicy(settings: QueueSettings) {
  return {
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: false,
    heartbeatSeconds: settings.heartbeatSeconds,
    expireInSeconds: settings.expireInSeconds,
    notify: true,
  };
}

/**
 * The lifecycle queue's options: a caller waits on these operations (seconds, not the
 * provisioning's minutes), so retries come quickly and back off; a dead worker's job is
 * retried after the heartbeat like a provisioning's.
 */
export function lifecycleQueuePolicy(settings: QueueSettings) {
  return {
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    heartbeatSeconds: settings.heartbeatSeconds,
    expireInSeconds: settings.expireInSeconds,
    notify: true,
    deadLetter: LIFECYCLE_DEAD_LETTER_QUEUE,
  };
}

/**
 * The purge-due queue's options: a job waits out a deleted project's retention (up to
 * `DELETION_RETENTION_BOUNDS.maxSeconds`, or an operator's longer default) in `created`, so it
 * is kept for longer than that; a purge blocked by another operation of the project is tried
 * again, backing off to an hour, for about two days.
 */
export function purgeDueQueuePolicy() {
  return {
    retentionSeconds: DELETION_RETENTION_BOUNDS.maxSeconds + 14 * 24 * 3600,
    retryLimit: 60,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 3600,
  };
}

/** Updates the queue's changeable options to `wanted` when any differs; says what changed. */
export async function applyQueuePolicy(
  boss: PgBoss,
  queue: string,
  wanted:
    ReturnType<typeof queuePolicy> | ReturnType<typeof refillQueuePolicy> | ReturnType<typeof lifecycleQueuePolicy>,
): Promise<PolicyChanges> {
  const current = (await boss.getQueue(queue)) as Record<string, unknown> | null;
  const changed: PolicyChanges = {};
  for (const [key, value] of Object.entries(wanted)) {
    if (current?.[key] !== value) changed[key] = { from: current?.[key], to: value };
  }
  if (Object.keys(changed).length > 0) await boss.updateQueue(queue, wanted);
  return changed;
}
