import type { SerializedError } from '@org/errors';
import { jsonb, type StatementSql } from './jsonb.js';

/** A lifecycle step's start, completion or failure. */
export type LifecycleStepOutcome =
  { status: 'running' } | { status: 'completed'; durationMs: number } | { status: 'failed'; error: SerializedError };

/** Appends a step's start, completion or failure to its operation's events. */
export async function recordLifecycleStep(
  sql: StatementSql,
  operationId: string,
  attempt: number,
  step: string,
  outcome: LifecycleStepOutcome,
): Promise<void> {
  const event = { type: 'step', attempt, step, at: new Date().toISOString(), ...outcome };
  await sql`
    update control_plane.operations set events = events || ${jsonb(sql, [event])}::jsonb, updated_at = now()
    where id = ${operationId}::uuid`;
}
