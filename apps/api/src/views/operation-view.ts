import type { SerializedError } from '@org/errors';
import type { OperationReport } from '@org/operations';
import type { z } from 'zod';
import type { operationSchema, recordedErrorSchema } from '../schemas/operation-schemas.js';
import { rootCause } from './root-cause.js';

type OperationView = z.output<typeof operationSchema>;
type RecordedError = z.output<typeof recordedErrorSchema>;

/** A recorded error as the API shows it: code, message, retryable, step, and the code at the root of its causes. */
function errorView(error: (SerializedError & { step?: string }) | null): RecordedError | null {
  if (error === null) return null;
  const root = rootCause(error);
  return {
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    ...(error.step === undefined ? {} : { step: error.step }),
    ...(error.sqlState === undefined ? {} : { sql_state: error.sqlState }),
    ...(root === error ? {} : { root_cause: { code: root.code, message: root.message } }),
  };
}

/**
 * An operation as the API shows it (snake_case, as every answer), with the name of the
 * admin token that asked for it when `names` (token id to name) has it.
 */
export function operationView(report: OperationReport, names: ReadonlyMap<string, string>): OperationView {
  return {
    id: report.id,
    project_id: report.projectId,
    kind: report.kind,
    status: report.status,
    attempts: report.attempts,
    error: errorView(report.error),
    requested_by: report.requestedBy,
    requested_by_name: report.requestedBy === null ? null : (names.get(report.requestedBy) ?? null),
    created_at: report.createdAt,
    started_at: report.startedAt,
    finished_at: report.finishedAt,
    updated_at: report.updatedAt,
    runs: report.runs.map((run) => ({
      attempt: run.attempt,
      status: run.status,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      error: errorView(run.error),
      steps: run.steps.map((step) => ({
        step: step.step,
        status: step.status,
        started_at: step.startedAt,
        finished_at: step.finishedAt,
        duration_ms: step.durationMs,
        error: errorView(step.error),
      })),
    })),
  };
}
