import { clientTimeouts, reconnectBackoff, SESSION_LIMITS, sessionParameters, type SecretBox } from '@org/db';
import {
  createAddressPolicy,
  deliverWebhook,
  WEBHOOK_QUEUE,
  WebhookDispatcher,
  type DeliveryContext,
  type WebhookJob,
} from '@org/webhooks';
import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import postgres from 'postgres';
import type { WorkerConfig } from '../config/worker-config.js';

/** A worker's share of webhooks: its dispatcher and its delivery slots. */
export interface RunningWebhooks {
  /** Stops the dispatcher and closes the pool; the queue's workers stop with pg-boss. */
  stop(): Promise<void>;
}

/**
 * Starts following the events feed (`WebhookDispatcher`: every worker runs one, one at a
 * time advances) and making delivery attempts, `config.webhooks.concurrency` at once, over a
 * pool of their own: one connection stays in LISTEN, and an attempt's bookkeeping must not
 * wait behind provisioning steps.
 */
export async function startWebhooks(
  boss: PgBoss,
  options: { config: WorkerConfig; databaseUrl: string; applicationName: string; secrets: SecretBox; logger: Logger },
): Promise<RunningWebhooks> {
  const { config, logger } = options;
  const sql = postgres(options.databaseUrl, {
    max: config.webhooks.concurrency + 2,
    ...clientTimeouts(SESSION_LIMITS.queue),
    idle_timeout: 30,
    connect_timeout: 10,
    backoff: reconnectBackoff,
    onnotice: () => {},
    connection: { application_name: `${options.applicationName}-webhooks`, ...sessionParameters(SESSION_LIMITS.queue) },
  });
  const delivery: DeliveryContext = {
    sql,
    boss,
    secrets: options.secrets,
    policy: createAddressPolicy(config.webhooks.allowedCidrs),
    retryDelayScale: config.webhooks.retryDelayScale,
    timeoutMs: config.webhooks.timeoutMs,
  };
  const dispatcher = new WebhookDispatcher({
    sql,
    boss,
    onError: (error) => logger.warn({ error: (error as Error).message }, 'webhook dispatch failed (retrying)'),
  });
  try {
    await dispatcher.start();
    await boss.work<WebhookJob>(
      WEBHOOK_QUEUE,
      {
        batchSize: 1,
        localConcurrency: config.webhooks.concurrency,
        pollingIntervalSeconds: config.queue.pollingIntervalSeconds,
      },
      async ([job]) => {
        if (job === undefined) return;
        const outcome = await deliverWebhook(delivery, job.data);
        logger.debug({ deliveryId: job.data.delivery_id, attempt: job.data.attempt, outcome }, 'webhook attempt');
      },
    );
  } catch (error) {
    await dispatcher.stop();
    await sql.end({ timeout: 1 });
    throw error;
  }
  return {
    async stop() {
      await dispatcher.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
