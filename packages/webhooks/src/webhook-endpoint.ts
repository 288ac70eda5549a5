import type { EventType } from '@org/operations';
import type { DeliveryStatus } from './schema/webhook-deliveries.js';

/** An endpoint as its organization sees it: everything but the secret. */
export interface WebhookEndpoint {
  id: string;
  organizationId: string;
  url: string;
  description: string | null;
  /** Empty: every event type. */
  eventTypes: EventType[];
  enabled: boolean;
  /** Why it was disabled: by its owner (null), a 410 Gone, or three days of failures. */
  disabledReason: string | null;
  /** Since when every attempt has failed, or null. */
  failingSince: string | null;
  /** Until when the secret replaced by the last rotation still signs beside the new one, or null. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One HTTP request of a delivery. */
export interface WebhookAttempt {
  attemptedAt: string;
  durationMs: number;
  /** The answer's status, or null when none came (see `error`). */
  responseStatus: number | null;
  error: string | null;
}

/** One event to one endpoint, with its attempts (oldest first). */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  /** The event's id, sent as `webhook-id` on every attempt. */
  eventId: string;
  eventType: EventType;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
}
