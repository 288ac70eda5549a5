import { EVENT_TYPES } from '@org/operations';
import { DELIVERY_STATUSES } from '@org/webhooks';
import { z } from 'zod';
import { text, timestamp } from './common-schemas.js';

const eventTypes = z
  .array(z.enum(EVENT_TYPES))
  .max(EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, 'must not repeat an event type')
  .meta({ description: 'The event types delivered; empty: every type' });

const url = z.string().max(2048).meta({
  description: '`https://`, or `http://` to localhost, 127.0.0.0/8 or [::1] (development)',
  example: 'https://hooks.example.com/org',
});

export const webhookEndpointSchema = z
  .object({
    id: z.uuid(),
    organization_id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.enum(EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable().meta({
      description: 'Why it was disabled: a 410 Gone, or three days of failed deliveries; null when by its owner',
    }),
    failing_since: timestamp.nullable().meta({ description: 'Since when every attempt has failed' }),
    previous_secret_expires_at: timestamp
      .nullable()
      .meta({ description: 'Until when the secret replaced by the last rotation still signs beside the new one' }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (`whsec_…`): shown in this answer once, kept sealed',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const webhookEndpointListSchema = z
  .object({ data: z.array(webhookEndpointSchema) })
  .meta({ id: 'WebhookEndpointList' });

export const createWebhookEndpointBody = z
  .strictObject({
    url,
    event_types: eventTypes.default([]),
    description: text(500).nullable().default(null),
    enabled: z.boolean().default(true),
    organization_id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'Required for a token of every organization; otherwise the token’s own' }),
  })
  .meta({ id: 'CreateWebhookEndpoint' });

export const updateWebhookEndpointBody = z
  .strictObject({
    url: url.optional(),
    event_types: eventTypes.optional(),
    description: text(500).nullable().optional(),
    enabled: z.boolean().optional().meta({ description: 'true re-enables a disabled endpoint and clears its reason' }),
  })
  .meta({ id: 'UpdateWebhookEndpoint' });

export const webhookEndpointQuery = z.strictObject({
  organization_id: z.string().min(1).max(200).optional().meta({ description: 'For a token of every organization' }),
});

const webhookAttemptSchema = z
  .object({
    attempted_at: timestamp,
    duration_ms: z.int(),
    response_status: z.int().nullable(),
    error: z.string().nullable().meta({ description: 'Why it failed: `HTTP <status>`, a timeout, a refused address' }),
  })
  .meta({ id: 'WebhookAttempt' });

export const webhookDeliverySchema = z
  .object({
    id: z.uuid(),
    endpoint_id: z.uuid(),
    event_id: z.string().meta({ description: 'The event’s id: the `webhook-id` of every attempt', example: 'evt_42' }),
    event_type: z.enum(EVENT_TYPES),
    status: z.enum(DELIVERY_STATUSES),
    next_attempt_at: timestamp.nullable(),
    attempts: z.array(webhookAttemptSchema),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryListSchema = z
  .object({ data: z.array(webhookDeliverySchema) })
  .meta({ id: 'WebhookDeliveryList' });

export const deliveryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A path with an endpoint id and one of its deliveries' ids. */
export const deliveryParams = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }),
  deliveryId: z.uuid({ error: 'must be a UUID' }),
});
