export { createAddressPolicy, isLoopbackHost, type AddressPolicy } from './address-policy.js';
export { deliverWebhook, type DeliveryContext, type DeliveryOutcome } from './deliver-webhook.js';
export { dispatchEvents, DISPATCH_PAGE_SIZE } from './dispatch-events.js';
export { migrateWebhooks, WEBHOOKS_MIGRATIONS } from './migrate.js';
export {
  boundedRetryAfter,
  DISABLE_AFTER_FAILING_MS,
  MAX_DELIVERY_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  nextRetryDelayMs,
  RETRY_SCHEDULE_MS,
} from './retry-schedule.js';
export * from './schema/index.js';
export {
  sendWebhookRequest,
  WEBHOOK_TIMEOUT_MS,
  type ResolveHost,
  type WebhookRequest,
  type WebhookResponse,
} from './send-webhook-request.js';
export { signWebhook, type WebhookMessage } from './sign-webhook.js';
export { validateWebhookUrl } from './validate-webhook-url.js';
export { WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher.js';
export type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook-endpoint.js';
export {
  createWebhookEndpointStore,
  DEFAULT_ROTATION_OVERLAP_MS,
  MAX_WEBHOOK_ENDPOINTS,
  type ReplayResult,
  type WebhookEndpointInput,
  type WebhookEndpointStore,
  type WebhookEndpointStoreOptions,
  type WebhookEndpointWithSecret,
} from './webhook-endpoint-store.js';
export {
  enqueueWith,
  ensureWebhookQueue,
  WEBHOOK_QUEUE,
  type EnqueueWebhookJob,
  type WebhookJob,
} from './webhook-queue.js';
export { createWebhookSecret, WEBHOOK_SECRET_PREFIX } from './webhook-secret.js';
