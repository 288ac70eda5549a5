import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { ProvisioningPayloadInput } from '@org/operations';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { handleLifecycleDeadLetters } from './handlers/lifecycle-dead-letter.js';
import { handleLifecycleJobs } from './handlers/lifecycle-job.js';
import { handlePoolRefillJobs } from './handlers/pool-refill-job.js';
import { handleProvisionDeadLetters } from './handlers/provision-dead-letter.js';
import { handleProvisionJob } from './handlers/provision-job.js';
import { handlePurgeDueJobs } from './handlers/purge-due-job.js';
import { type QueueSettings } from './queue-settings.js';
import {
  LIFECYCLE_DEAD_LETTER_QUEUE,
  LIFECYCLE_QUEUE,
  PROVISION_DEAD_LETTER_QUEUE,
  PROVISION_QUEUE,
  PURGE_DUE_QUEUE,
  TENANT_POOL_REFILL_QUEUE,
} from '@org/operations';

/** The dead-letter and refill consumers poll at most this often. */
const SLOW_POLL_SECONDS = 10;

/**
 * Starts consuming every queue with `ctx`, each with its own handler (`handlers/`) and
 * polling. Provisionings get `settings.concurrency` slots, each a pg-boss worker taking one
 * job at a time. A slot that finishes a job wakes itself (`notifyWorker`) and fetches the
 * next at once instead of sleeping out the polling interval; an empty fetch puts it back to
 * polling, so an empty queue is never hot-looped. A new job wakes idle slots through NOTIFY.
 */
export async function consumeQueues(
  boss: PgBoss,
  ctx: WorkerContext,
  settings: QueueSettings,
  workerId: string,
): Promise<void> {
  // Clean-up is not waited for: a slower poll keeps the idle cost down.
  const deadLetterOptions = {
    pollingIntervalSeconds: Math.max(SLOW_POLL_SECONDS, settings.pollingIntervalSeconds),
    includeMetadata: true,
  } as const;
  await boss.work<ProvisioningPayloadInput, unknown, typeof deadLetterOptions>(
    PROVISION_DEAD_LETTER_QUEUE,
    deadLetterOptions,
    (jobs) => handleProvisionDeadLetters(jobs, ctx),
  );
  // One lifecycle job at a time, fetched as the provisioning slots fetch theirs: a burst of
  // five deletes waited 30 s each (pg-boss's notify-mode poll) once the NOTIFYs that came
  // while the slot was busy had been used up.
  const lifecycleOptions = {
    includeMetadata: true,
    pollingIntervalSeconds: settings.pollingIntervalSeconds,
    notifyPollingIntervalSeconds: settings.pollingIntervalSeconds,
  } as const;
  const lifecycle: { id?: string } = {};
  lifecycle.id = await boss.work<unknown, unknown, typeof lifecycleOptions>(
    LIFECYCLE_QUEUE,
    lifecycleOptions,
    async (jobs) => {
      try {
        await handleLifecycleJobs(jobs, ctx);
      } finally {
        if (lifecycle.id !== undefined) boss.notifyWorker(lifecycle.id);
      }
    },
  );
  await boss.work<unknown, unknown, typeof deadLetterOptions>(LIFECYCLE_DEAD_LETTER_QUEUE, deadLetterOptions, (jobs) =>
    handleLifecycleDeadLetters(jobs, ctx),
  );
  // A due purge is found by polling (its job was sent days ago, with a start after), as often
  // as provisioning slots poll: a purge is due to the second it was promised, give or take that.
  await boss.work<{ project_id: string }>(
    PURGE_DUE_QUEUE,
    {
      pollingIntervalSeconds: settings.pollingIntervalSeconds,
      notifyPollingIntervalSeconds: settings.pollingIntervalSeconds,
    },
    (jobs) => handlePurgeDueJobs(jobs, ctx, boss),
  );
  if (ctx.pool !== undefined) {
    const size = ctx.pool.size;
    const slow = Math.max(SLOW_POLL_SECONDS, settings.pollingIntervalSeconds);
    // Requests wake it through NOTIFY; polling only finds a retried refill.
    await boss.work<{ cluster: string }>(
      TENANT_POOL_REFILL_QUEUE,
      { pollingIntervalSeconds: slow, notifyPollingIntervalSeconds: slow },
      (jobs) => handlePoolRefillJobs(jobs, ctx, size),
    );
  }
  const options = {
    includeMetadata: true,
    perJobResults: true,
    batchSize: 1,
    pollingIntervalSeconds: settings.pollingIntervalSeconds,
    // NOTIFY wakes workers for new jobs only; a retry's delayed start is found by polling,
    // which must not fall back to pg-boss's 30 s notify-mode interval.
    notifyPollingIntervalSeconds: settings.pollingIntervalSeconds,
  } as const;
  for (let index = 0; index < settings.concurrency; index++) {
    // The slot's own id, known once work() resolves (before its first job can finish).
    const slot: { id?: string } = {};
    slot.id = await boss.work<ProvisioningPayloadInput, unknown, typeof options>(
      PROVISION_QUEUE,
      options,
      async ([job]: JobWithMetadata<ProvisioningPayloadInput>[]) => {
        try {
          return job === undefined ? [] : [await handleProvisionJob(job, ctx, workerId)];
        } finally {
          // pg-boss's burst modes do not fit one job per fetch (burstWhenBatchFull is
          // ignored at batchSize 1; burstWhenReadyExceeds reads counts refreshed once a
          // supervise interval): the slot is told itself that it is free.
          if (slot.id !== undefined) boss.notifyWorker(slot.id);
        }
      },
    );
  }
}
