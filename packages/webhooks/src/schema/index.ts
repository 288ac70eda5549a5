export { webhookAttempts, type WebhookAttemptRow } from './webhook-attempts.js';
export {
  DELIVERY_STATUSES,
  webhookDeliveries,
  type DeliveryStatus,
  type WebhookDeliveryRow,
} from './webhook-deliveries.js';
export { webhookDispatchCursor } from './webhook-dispatch-cursor.js';
export { webhookEndpoints, type WebhookEndpointRow } from './webhook-endpoints.js';
