import { transactionBossDb } from '@org/operations';
import type { PgBoss } from 'pg-boss';
import type { TransactionSql } from 'postgres';

/** The pg-boss queue of delivery attempts: one job per attempt, `{ delivery_id, attempt }`. */
export const WEBHOOK_QUEUE = 'deliver_webhook';

/** A delivery attempt's job: the delivery, and how many attempts it had when the job was sent. */
export interface WebhookJob {
  delivery_id: string;
  attempt: number;
}

/**
 * Creates the delivery queue when missing. pg-boss's own retries only cover a worker that
 * died or threw mid-attempt (the job is retried after its heartbeat runs out, with the same
 * `webhook-id`); the schedule between attempts is the delivery's own, one job per attempt.
 */
export async function ensureWebhookQueue(boss: PgBoss, options: { heartbeatSeconds?: number } = {}): Promise<void> {
  if ((await boss.getQueue(WEBHOOK_QUEUE)) !== null) return;
  await boss.createQueue(WEBHOOK_QUEUE, {
    retryLimit: 20,
    retryDelay: 5,
    retryBackoff: true,
    heartbeatSeconds: options.heartbeatSeconds ?? 30,
    expireInSeconds: 120,
  });
}

/** Sends a delivery's job in the caller's transaction, so the job exists exactly when the change that asks for it does. */
export type EnqueueWebhookJob = (tx: TransactionSql, job: WebhookJob) => Promise<void>;

/** {@link EnqueueWebhookJob} through `boss` (started or not: the job goes over `tx`). */
export function enqueueWith(boss: PgBoss): EnqueueWebhookJob {
  return async (tx, job) => {
    await boss.send(WEBHOOK_QUEUE, job, { db: transactionBossDb(tx) });
  };
}
