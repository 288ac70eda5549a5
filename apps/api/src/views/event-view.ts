import type { ControlPlaneEvent } from '@org/operations';
import type { z } from 'zod';
import type { eventSchema } from '../schemas/event-schemas.js';

/** An event as the feed shows it; its `data` is in the API's shapes already (the triggers write it so). */
export function eventView(event: ControlPlaneEvent): z.output<typeof eventSchema> {
  return {
    id: event.id,
    type: event.type,
    occurred_at: event.occurredAt,
    organization_id: event.organizationId,
    project_id: event.projectId,
    operation_id: event.operationId,
    data: event.data as z.output<typeof eventSchema>['data'],
  };
}
