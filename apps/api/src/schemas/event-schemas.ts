import { EVENT_TYPES } from '@org/operations';
import { z } from 'zod';
import { operationSchema } from './operation-schemas.js';
import { projectSchema } from './project-schemas.js';

/** A position in the event feed: the `next_cursor` of the page before. */
const eventCursor = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a next_cursor this API returned')
  .meta({ example: '1042' });

export const eventSchema = z
  .object({
    id: z.string().meta({ description: '`evt_<n>`: unique; the `webhook-id` of its deliveries', example: 'evt_1042' }),
    type: z.enum(EVENT_TYPES),
    occurred_at: z.iso.datetime().meta({ description: 'When the change was made (the transaction that made it)' }),
    organization_id: z.string(),
    project_id: z.uuid(),
    operation_id: z.uuid().nullable(),
    data: z.object({
      // Without its snapshot settings too: events written before they existed lack them.
      project: projectSchema
        .omit({ cluster: true, resources: true, snapshot_retention_days: true, snapshot_retention_count: true })
        .meta({
          id: 'EventProject',
          description: 'The project as it was after the change, without its resources and snapshot settings',
        }),
      operation: operationSchema.omit({ requested_by_name: true, runs: true }).optional().meta({
        id: 'EventOperation',
        description: 'For `operation.*`: the operation after the change, without its runs',
      }),
    }),
  })
  .meta({ id: 'Event' });

export const eventPage = z
  .object({
    data: z.array(eventSchema),
    next_cursor: eventCursor.meta({
      description: 'Where to read on from (`after`): the last event’s position, or `after` itself when there were none',
    }),
  })
  .meta({ id: 'EventPage' });

export const eventQuery = z.strictObject({
  after: eventCursor
    .optional()
    .meta({ description: 'Only events after this cursor; from the oldest kept (30 days) when omitted' }),
  types: z
    .string()
    .max(1000)
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return undefined;
      const types = value.split(',').map((type) => type.trim());
      const unknown = types.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
      if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: `unknown event types: ${unknown.join(', ')}` });
        return z.NEVER;
      }
      return types as (typeof EVENT_TYPES)[number][];
    })
    .meta({ description: 'Comma-separated event types (`operation.succeeded,project.deleted`); all when omitted' }),
  project_id: z.uuid({ error: 'must be a UUID' }).optional(),
  organization_id: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
