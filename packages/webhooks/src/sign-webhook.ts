import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret.js';

/** What a delivery is signed over: the same id on every attempt, this attempt's time, the body. */
export interface WebhookMessage {
  /** `webhook-id`: the event's id. */
  id: string;
  /** `webhook-timestamp`: unix seconds of this attempt. */
  timestamp: number;
  body: string;
}

/**
 * The three Standard Webhooks headers of one attempt. `webhook-signature` holds one
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret, space-separated: during a
 * rotation's overlap the new and the previous secret both sign, so a receiver verifies with
 * either while it changes over.
 */
export function signWebhook(message: WebhookMessage, secrets: readonly string[]): Record<string, string> {
  const signed = `${message.id}.${message.timestamp}.${message.body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', webhookSecretKey(secret)).update(signed).digest('base64')}`,
  );
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
