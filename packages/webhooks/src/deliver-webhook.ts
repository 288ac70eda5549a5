import type { SecretBox } from '@org/db';
import { transactionBossDb } from '@org/operations';
import type { PgBoss } from 'pg-boss';
import type { Sql, TransactionSql } from 'postgres';
import type { AddressPolicy } from './address-policy.js';
import { endpointSecretContext } from './endpoint-secret-context.js';
import { boundedRetryAfter, DISABLE_AFTER_FAILING_MS, nextRetryDelayMs } from './retry-schedule.js';
import { sendWebhookRequest, type ResolveHost, type WebhookResponse } from './send-webhook-request.js';
import { signWebhook } from './sign-webhook.js';
import { WEBHOOK_QUEUE, type WebhookJob } from './webhook-queue.js';

/** What delivering needs: the database, the queue for the next attempt, the key, the guard. */
export interface DeliveryContext {
  sql: Sql;
  boss: PgBoss;
  secrets: SecretBox;
  policy: AddressPolicy;
  resolve?: ResolveHost;
  /** Multiplies the retry schedule (tests run it in seconds). Default 1. */
  retryDelayScale?: number;
  /** A failing endpoint is disabled after this long; default three days times `retryDelayScale`. */
  disableAfterFailingMs?: number;
  timeoutMs?: number;
}

/** What one job did with its delivery. */
export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped';

interface DeliveryToSend {
  id: string;
  endpointId: string;
  eventId: string;
  body: string;
  status: string;
  attempts: number;
  url: string;
  enabled: boolean;
  sealedSecret: string;
  previousSealedSecret: string | null;
}

/**
 * Makes the attempt a job stands for, then records it and decides what follows, in one
 * transaction: success (2xx), the next attempt's job sent with its `startAfter`, or failure
 * (410 Gone, or no attempt left). 410 disables the endpoint; so does failing for three days
 * with no success. A job whose delivery has moved on (already recorded by another copy, or
 * replayed) does nothing. A worker that dies during the request records nothing: pg-boss
 * retries the job, which sends the same body under the same `webhook-id`.
 */
export async function deliverWebhook(ctx: DeliveryContext, job: WebhookJob): Promise<DeliveryOutcome> {
  const [delivery] = await ctx.sql<DeliveryToSend[]>`
    select d.id, d.endpoint_id as "endpointId", d.event_id as "eventId", d.body, d.status, d.attempts,
      e.url, e.enabled, e.sealed_secret as "sealedSecret",
      case when e.previous_secret_expires_at > now() then e.previous_sealed_secret end as "previousSealedSecret"
    from control_plane.webhook_deliveries d join control_plane.webhook_endpoints e on e.id = d.endpoint_id
    where d.id = ${job.delivery_id}`;
  if (delivery === undefined || delivery.status !== 'pending' || delivery.attempts !== job.attempt) return 'skipped';
  if (!delivery.enabled) {
    await ctx.sql`
      update control_plane.webhook_deliveries set status = 'failed', next_attempt_at = null, updated_at = now()
      where id = ${delivery.id} and status = 'pending' and attempts = ${job.attempt}`;
    return 'failed';
  }
  const context = endpointSecretContext(delivery.endpointId);
  const secrets = [ctx.secrets.open(delivery.sealedSecret, context)];
  if (delivery.previousSealedSecret !== null) secrets.push(ctx.secrets.open(delivery.previousSealedSecret, context));
  const attemptedAt = new Date();
  const headers = signWebhook(
    { id: delivery.eventId, timestamp: Math.floor(attemptedAt.getTime() / 1000), body: delivery.body },
    secrets,
  );
  const response = await sendWebhookRequest({
    url: delivery.url,
    headers,
    body: delivery.body,
    policy: ctx.policy,
    ...(ctx.resolve === undefined ? {} : { resolve: ctx.resolve }),
    ...(ctx.timeoutMs === undefined ? {} : { timeoutMs: ctx.timeoutMs }),
  });
  const durationMs = Date.now() - attemptedAt.getTime();
  return ctx.sql.begin((tx) => recordAttempt(tx, ctx, delivery, job, { attemptedAt, durationMs, response }));
}

async function recordAttempt(
  tx: TransactionSql,
  ctx: DeliveryContext,
  delivery: DeliveryToSend,
  job: WebhookJob,
  attempt: { attemptedAt: Date; durationMs: number; response: WebhookResponse },
): Promise<DeliveryOutcome> {
  const [current] = await tx<{ attempts: number; status: string }[]>`
    select attempts, status from control_plane.webhook_deliveries where id = ${delivery.id} for update`;
  // Another copy of this job (pg-boss retried it while this one was still sending) recorded it.
  if (current === undefined || current.status !== 'pending' || current.attempts !== job.attempt) return 'skipped';
  const { response } = attempt;
  await tx`
    insert into control_plane.webhook_attempts (delivery_id, attempted_at, duration_ms, response_status, error)
    values (${delivery.id}, ${attempt.attemptedAt}, ${attempt.durationMs}, ${response.status},
      ${response.error ?? (response.status !== null && isSuccess(response.status) ? null : `HTTP ${response.status}`)})`;
  const attempts = job.attempt + 1;
  if (response.status !== null && isSuccess(response.status)) {
    await settle(tx, delivery.id, attempts, 'succeeded');
    await tx`update control_plane.webhook_endpoints set failing_since = null where id = ${delivery.endpointId} and failing_since is not null`;
    return 'succeeded';
  }
  if (response.status === 410) {
    await settle(tx, delivery.id, attempts, 'failed');
    await disable(tx, delivery.endpointId, 'the endpoint answered 410 Gone');
    return 'failed';
  }
  const scale = ctx.retryDelayScale ?? 1;
  const [endpoint] = await tx<{ failingFor: number }[]>`
    update control_plane.webhook_endpoints set failing_since = coalesce(failing_since, ${attempt.attemptedAt})
    where id = ${delivery.endpointId}
    returning extract(epoch from (now() - failing_since)) * 1000 as "failingFor"`;
  if (
    endpoint !== undefined &&
    endpoint.failingFor >= (ctx.disableAfterFailingMs ?? DISABLE_AFTER_FAILING_MS * scale)
  ) {
    await settle(tx, delivery.id, attempts, 'failed');
    await disable(tx, delivery.endpointId, 'every delivery failed for 3 days');
    return 'failed';
  }
  const delay = nextRetryDelayMs(attempts, { scale, retryAfterMs: boundedRetryAfter(response.retryAfter) });
  if (delay === null) {
    await settle(tx, delivery.id, attempts, 'failed');
    return 'failed';
  }
  const next = new Date(Date.now() + delay);
  await tx`
    update control_plane.webhook_deliveries set attempts = ${attempts}, next_attempt_at = ${next}, updated_at = now()
    where id = ${delivery.id}`;
  await ctx.boss.send(WEBHOOK_QUEUE, { delivery_id: delivery.id, attempt: attempts } satisfies WebhookJob, {
    startAfter: next,
    db: transactionBossDb(tx),
  });
  return 'retrying';
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

async function settle(tx: TransactionSql, id: string, attempts: number, status: 'succeeded' | 'failed') {
  await tx`
    update control_plane.webhook_deliveries set status = ${status}, attempts = ${attempts}, next_attempt_at = null,
      updated_at = now()
    where id = ${id}`;
}

async function disable(tx: TransactionSql, endpointId: string, reason: string) {
  await tx`
    update control_plane.webhook_endpoints set enabled = false, disabled_reason = ${reason}, updated_at = now()
    where id = ${endpointId} and enabled`;
}
