import { OPERATION_KINDS, OPERATION_STATUSES } from '@org/operations';
import { z } from 'zod';
import { page, pageQuery, timestamp } from './common-schemas.js';

/** An error as the operations record it (`serializeError`): codes and our own messages, never a driver's text. */
export const recordedErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    retryable: z.boolean(),
    step: z.string().optional(),
    sql_state: z.string().optional(),
    root_cause: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .meta({ description: 'What the error came from, at the end of its causes (a service’s HTTP_503, a SQLSTATE)' }),
  })
  .meta({ id: 'RecordedError' });

const stepRunSchema = z
  .object({
    step: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    started_at: timestamp,
    finished_at: timestamp.nullable(),
    duration_ms: z.int().nullable(),
    error: recordedErrorSchema.nullable(),
  })
  .meta({ id: 'StepRun' });

const operationRunSchema = z
  .object({
    attempt: z.int(),
    status: z.enum(['running', 'succeeded', 'failed']),
    started_at: timestamp,
    finished_at: timestamp.nullable(),
    error: recordedErrorSchema.nullable(),
    steps: z.array(stepRunSchema),
  })
  .meta({ id: 'OperationRun' });

export const operationSchema = z
  .object({
    id: z.uuid(),
    project_id: z.uuid(),
    kind: z.enum(OPERATION_KINDS),
    status: z.enum(OPERATION_STATUSES),
    attempts: z.int(),
    error: recordedErrorSchema.nullable().meta({ description: 'The last failure; the reason when `failed`' }),
    requested_by: z.string().nullable().meta({ description: 'The id of the admin token that asked for it' }),
    requested_by_name: z.string().nullable().meta({
      description: 'That token’s name; null when it was asked for outside the API (the CLI) or by no token of this API',
    }),
    created_at: timestamp,
    started_at: timestamp.nullable(),
    finished_at: timestamp.nullable(),
    updated_at: timestamp,
    runs: z.array(operationRunSchema).meta({ description: 'Each attempt, oldest first, with its steps' }),
  })
  .meta({ id: 'Operation' });

export const operationPage = page(operationSchema, 'OperationPage');
export const operationQuery = z.strictObject(pageQuery);

/** The longest `wait` a GET of an operation takes. */
const MAX_OPERATION_WAIT_MS = 60_000;

export const operationWaitQuery = z.strictObject({
  wait: z
    .string()
    .regex(/^\d{1,6}(ms|s)?$/, 'must be a duration: 30s, 500ms (seconds when no unit)')
    .transform((value) => (value.endsWith('ms') ? Number(value.slice(0, -2)) : Number(value.replace(/s$/, '')) * 1000))
    .refine((ms) => ms <= MAX_OPERATION_WAIT_MS, 'must be at most 60s')
    .optional()
    .meta({
      description:
        'Answer once the operation has ended (`succeeded`, `failed`, `cancelled`) or when this much time has passed, whichever is first: `30s`, `500ms`, at most `60s`',
      example: '30s',
    }),
});
