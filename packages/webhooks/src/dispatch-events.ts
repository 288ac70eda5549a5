import { readEvents, transactionBossDb, type ControlPlaneEvent } from '@org/operations';
import type { PgBoss } from 'pg-boss';
import type { Sql } from 'postgres';
import { WEBHOOK_QUEUE, type WebhookJob } from './webhook-queue.js';

/** Events read and dispatched per transaction. */
export const DISPATCH_PAGE_SIZE = 200;

interface MatchingEndpoint {
  id: string;
  organizationId: string;
  eventTypes: string[];
  createdAt: string;
}

/**
 * One step of following the events feed: in one transaction, holds the cursor row
 * (`FOR UPDATE SKIP LOCKED`: a second dispatcher finds it taken and returns null), reads the
 * page after it, creates a delivery per event and enabled endpoint of its organization whose
 * filter takes its type (unique per event and endpoint), sends each new delivery's first
 * job, and moves the cursor past the page. Either all of that commits or none of it: an event
 * is never passed without its deliveries, and a delivery never lacks its job. Returns how many
 * events were read.
 */
export async function dispatchEvents(sql: Sql, boss: PgBoss, pageSize = DISPATCH_PAGE_SIZE): Promise<number | null> {
  return sql.begin(async (tx) => {
    const [cursor] = await tx<{ position: number }[]>`
      select position::float8 as position from control_plane.webhook_dispatch_cursor where id = 1 for update skip locked`;
    if (cursor === undefined) return null;
    const events = await readEvents(tx, { after: cursor.position, limit: pageSize });
    if (events.length === 0) return 0;
    const organizations = [...new Set(events.map((event) => event.organizationId))];
    const endpoints = await tx<MatchingEndpoint[]>`
      select id, organization_id as "organizationId", event_types as "eventTypes", control_plane.event_time(created_at) as "createdAt"
      from control_plane.webhook_endpoints
      where enabled and organization_id = any(${organizations})`;
    const rows = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => matches(endpoint, event))
        .map((endpoint) => ({
          endpoint_id: endpoint.id,
          event_id: event.id,
          event_type: event.type,
          body: webhookBody(event),
        })),
    );
    if (rows.length > 0) {
      const created = await tx<{ id: string }[]>`
        insert into control_plane.webhook_deliveries ${tx(rows, 'endpoint_id', 'event_id', 'event_type', 'body')}
        on conflict (endpoint_id, event_id) do nothing
        returning id`;
      if (created.length > 0) {
        await boss.insert(
          WEBHOOK_QUEUE,
          created.map((delivery) => ({ data: { delivery_id: delivery.id, attempt: 0 } satisfies WebhookJob })),
          { db: transactionBossDb(tx) },
        );
      }
    }
    await tx`
      update control_plane.webhook_dispatch_cursor set position = ${events.at(-1)!.position}, updated_at = now()
      where id = 1`;
    return events.length;
  });
}

function matches(endpoint: MatchingEndpoint, event: ControlPlaneEvent): boolean {
  if (endpoint.organizationId !== event.organizationId) return false;
  if (endpoint.eventTypes.length > 0 && !endpoint.eventTypes.includes(event.type)) return false;
  // An endpoint gets the events that happened once it existed, not the page it was created in the middle of.
  return Date.parse(event.occurredAt) >= Date.parse(endpoint.createdAt);
}

/** A delivery's body, as the Standard Webhooks specification suggests: type, timestamp, data. */
function webhookBody(event: ControlPlaneEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: event.data });
}
