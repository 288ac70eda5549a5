import type { SecretBox } from '@org/db';
import { ValidationError } from '@org/errors';
import { EVENT_TYPES, type EventType } from '@org/operations';
import type { Sql, TransactionSql } from 'postgres';
import { endpointSecretContext } from './endpoint-secret-context.js';
import { validateWebhookUrl } from './validate-webhook-url.js';
import type { WebhookDelivery, WebhookEndpoint } from './webhook-endpoint.js';
import type { EnqueueWebhookJob } from './webhook-queue.js';
import { createWebhookSecret } from './webhook-secret.js';

/** How long a rotated-out secret keeps signing beside the new one by default: 24 hours. */
export const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3600_000;

/** At most this many endpoints per organization. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** What an endpoint is created with. */
export interface WebhookEndpointInput {
  url: string;
  eventTypes?: readonly string[];
  description?: string | null;
  enabled?: boolean;
}

/** An endpoint and its secret, which is shown this once. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** A replay's outcome: the delivery queued again, or why not. */
export type ReplayResult = { delivery: WebhookDelivery } | { refused: 'not_found' | 'pending' };

/**
 * Endpoints and their deliveries, always within one organization: `organizationId` null
 * (a platform-wide caller) reaches every organization's. What another organization owns is
 * not found.
 */
export interface WebhookEndpointStore {
  create(organizationId: string, input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret>;
  list(organizationId: string | null): Promise<WebhookEndpoint[]>;
  /** Null when the organization has no such endpoint. */
  get(organizationId: string | null, id: string): Promise<WebhookEndpoint | null>;
  /** Re-enabling clears the disabled reason and the failing streak. Null when not found. */
  update(
    organizationId: string | null,
    id: string,
    patch: Partial<WebhookEndpointInput>,
  ): Promise<WebhookEndpoint | null>;
  /** Deletes the endpoint with its deliveries; false when not found. */
  delete(organizationId: string | null, id: string): Promise<boolean>;
  /** A new secret; the current one keeps signing beside it for `overlapMs`. Null when not found. */
  rotateSecret(
    organizationId: string | null,
    id: string,
    overlapMs?: number,
  ): Promise<WebhookEndpointWithSecret | null>;
  /** The endpoint's latest deliveries (newest first) with their attempts; null when not found. */
  deliveries(organizationId: string | null, id: string, limit?: number): Promise<WebhookDelivery[] | null>;
  /** Sends a finished delivery once more (same `webhook-id`, same body). */
  replay(organizationId: string | null, id: string, deliveryId: string): Promise<ReplayResult>;
}

/** What a {@link WebhookEndpointStore} works with. */
export interface WebhookEndpointStoreOptions {
  /** The control-plane pool, or a transaction of the caller's (then every write is part of it). */
  sql: Sql | TransactionSql;
  /** Seals signing secrets (the platform's key). */
  secrets: SecretBox;
  /** Sends a replay's job in the same transaction as the delivery's change. */
  enqueue: EnqueueWebhookJob;
}

/** The store over `options.sql`. */
export function createWebhookEndpointStore(options: WebhookEndpointStoreOptions): WebhookEndpointStore {
  const { sql, secrets, enqueue } = options;
  // In the caller's transaction when given one; in one of its own otherwise.
  const transaction = <T>(work: (tx: TransactionSql) => Promise<T>): Promise<T> =>
    'savepoint' in sql ? work(sql) : sql.begin(work);
  const columns = sql`
    id, organization_id as "organizationId", url, description, event_types as "eventTypes", enabled,
    disabled_reason as "disabledReason", control_plane.event_time(failing_since) as "failingSince",
    case when previous_secret_expires_at > now() then control_plane.event_time(previous_secret_expires_at) end
      as "previousSecretExpiresAt",
    control_plane.event_time(created_at) as "createdAt", control_plane.event_time(updated_at) as "updatedAt"`;
  const ofOrganization = (organizationId: string | null) =>
    organizationId === null ? sql`` : sql`and organization_id = ${organizationId}`;
  const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

  async function readDeliveries(endpointId: string, limit: number, deliveryId?: string): Promise<WebhookDelivery[]> {
    return sql<WebhookDelivery[]>`
      select d.id, d.endpoint_id as "endpointId", d.event_id as "eventId", d.event_type as "eventType", d.status,
        control_plane.event_time(d.next_attempt_at) as "nextAttemptAt",
        control_plane.event_time(d.created_at) as "createdAt", control_plane.event_time(d.updated_at) as "updatedAt",
        coalesce((select jsonb_agg(jsonb_build_object('attemptedAt', control_plane.event_time(a.attempted_at),
            'durationMs', a.duration_ms, 'responseStatus', a.response_status, 'error', a.error) order by a.id)
          from control_plane.webhook_attempts a where a.delivery_id = d.id), '[]'::jsonb) as attempts
      from control_plane.webhook_deliveries d
      where d.endpoint_id = ${endpointId} ${deliveryId === undefined ? sql`` : sql`and d.id = ${deliveryId}`}
      order by d.created_at desc, d.id
      limit ${limit}`;
  }

  return {
    async create(organizationId, input) {
      const url = validateWebhookUrl(input.url);
      const eventTypes = validateEventTypes(input.eventTypes ?? []);
      const secret = createWebhookSecret();
      return transaction(async (tx) => {
        // Serializes one organization's creations so the limit holds.
        await tx`select pg_advisory_xact_lock(hashtextextended(${`webhook-endpoints:${organizationId}`}, 0))`;
        const [row] = await tx<{ count: number }[]>`
          select count(*)::int as count from control_plane.webhook_endpoints where organization_id = ${organizationId}`;
        if (row!.count >= MAX_WEBHOOK_ENDPOINTS) {
          throw new ValidationError([
            { path: 'url', message: `at most ${MAX_WEBHOOK_ENDPOINTS} endpoints per organization` },
          ]);
        }
        const id = crypto.randomUUID();
        const [endpoint] = await tx<WebhookEndpoint[]>`
          insert into control_plane.webhook_endpoints (id, organization_id, url, description, event_types, enabled, sealed_secret)
          values (${id}, ${organizationId}, ${url}, ${input.description ?? null}, ${eventTypes}, ${input.enabled ?? true},
            ${secrets.seal(secret, endpointSecretContext(id))})
          returning ${columns}`;
        return { endpoint: endpoint!, secret };
      });
    },

    list(organizationId) {
      return sql<WebhookEndpoint[]>`
        select ${columns} from control_plane.webhook_endpoints where true ${ofOrganization(organizationId)}
        order by created_at, id`;
    },

    async get(organizationId, id) {
      if (!isUuid(id)) return null;
      const [endpoint] = await sql<WebhookEndpoint[]>`
        select ${columns} from control_plane.webhook_endpoints where id = ${id} ${ofOrganization(organizationId)}`;
      return endpoint ?? null;
    },

    async update(organizationId, id, patch) {
      if (!isUuid(id)) return null;
      const url = patch.url === undefined ? undefined : validateWebhookUrl(patch.url);
      const eventTypes = patch.eventTypes === undefined ? undefined : validateEventTypes(patch.eventTypes);
      const [endpoint] = await sql<WebhookEndpoint[]>`
        update control_plane.webhook_endpoints set
          url = coalesce(${url ?? null}, url),
          event_types = coalesce(${eventTypes ?? null}::text[], event_types),
          description = ${patch.description === undefined ? sql`description` : sql`${patch.description}`},
          enabled = coalesce(${patch.enabled ?? null}::boolean, enabled),
          disabled_reason = case when ${patch.enabled === true} then null else disabled_reason end,
          failing_since = case when ${patch.enabled === true} and not enabled then null else failing_since end,
          updated_at = now()
        where id = ${id} ${ofOrganization(organizationId)}
        returning ${columns}`;
      return endpoint ?? null;
    },

    async delete(organizationId, id) {
      if (!isUuid(id)) return false;
      const deleted = await sql`
        delete from control_plane.webhook_endpoints where id = ${id} ${ofOrganization(organizationId)}`;
      return deleted.count > 0;
    },

    async rotateSecret(organizationId, id, overlapMs = DEFAULT_ROTATION_OVERLAP_MS) {
      if (!isUuid(id)) return null;
      const secret = createWebhookSecret();
      const [endpoint] = await sql<WebhookEndpoint[]>`
        update control_plane.webhook_endpoints set
          previous_sealed_secret = sealed_secret,
          previous_secret_expires_at = now() + make_interval(secs => ${overlapMs / 1000}),
          sealed_secret = ${secrets.seal(secret, endpointSecretContext(id))},
          updated_at = now()
        where id = ${id} ${ofOrganization(organizationId)}
        returning ${columns}`;
      return endpoint === undefined ? null : { endpoint, secret };
    },

    async deliveries(organizationId, id, limit = 50) {
      if ((await this.get(organizationId, id)) === null) return null;
      return readDeliveries(id, Math.min(Math.max(limit, 1), 200));
    },

    async replay(organizationId, id, deliveryId) {
      if (!isUuid(id) || !isUuid(deliveryId)) return { refused: 'not_found' };
      const refused = await transaction(async (tx) => {
        const [delivery] = await tx<{ status: string; attempts: number }[]>`
          select d.status, d.attempts from control_plane.webhook_deliveries d
            join control_plane.webhook_endpoints e on e.id = d.endpoint_id
          where d.id = ${deliveryId} and d.endpoint_id = ${id}
            ${organizationId === null ? sql`` : sql`and e.organization_id = ${organizationId}`}
          for update of d`;
        if (delivery === undefined) return 'not_found' as const;
        // A pending delivery has its job already: a second would send it twice.
        if (delivery.status === 'pending') return 'pending' as const;
        await tx`
          update control_plane.webhook_deliveries set status = 'pending', next_attempt_at = now(), updated_at = now()
          where id = ${deliveryId}`;
        await enqueue(tx, { delivery_id: deliveryId, attempt: delivery.attempts });
        return null;
      });
      if (refused !== null) return { refused };
      const [delivery] = await readDeliveries(id, 1, deliveryId);
      return { delivery: delivery! };
    },
  };
}

function validateEventTypes(types: readonly string[]): EventType[] {
  const unknown = types.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw new ValidationError([{ path: 'event_types', message: `unknown event types: ${unknown.join(', ')}` }]);
  }
  return [...new Set(types)] as EventType[];
}
