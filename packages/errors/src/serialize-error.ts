import { classifyError, sqlStateOf } from './classify-error.js';
import { isBrandedError } from './error-brand.js';
import { ErrorCodes } from './error-codes.js';

/** The one stored and logged shape of an error: step and attempt rows, job output, results, logs. */
export interface SerializedError {
  /** Our code, or the SQLSTATE / errno / `HTTP_nnn` that classified a foreign error. */
  code: string;
  /** Our own message, or for a foreign error its classification's reason: never its raw text. */
  message: string;
  retryable: boolean;
  /** The SQLSTATE of the database error at the root, when there is one. */
  sqlState?: string;
  /** The invalid fields of a `ValidationError`. */
  fields?: string[];
  /** Our error's identifiers (never secrets, by the taxonomy's contract). */
  context?: Record<string, unknown>;
  /** What caused it, serialised by the same rules. */
  cause?: SerializedError;
}

const MAX_DEPTH = 4;

/**
 * Serialises any thrown value for a table, a job's output or a log line. Our errors keep
 * their code, message and context. A foreign error (a driver, Drizzle, fetch) keeps only
 * its classification: driver messages can quote statement parameters (Drizzle's
 * `Failed query: ... params: ...` does), so their text is never stored.
 */
export function serializeError(error: unknown): SerializedError {
  return serializeAt(error, 0);
}

function serializeAt(error: unknown, depth: number): SerializedError {
  const classification = classifyError(error);
  const sqlState = sqlStateOf(error);
  const serialized: SerializedError = {
    code: classification.code,
    message: isBrandedError(error) ? error.message : classification.reason,
    retryable: classification.retryable,
    ...(sqlState === undefined ? {} : { sqlState }),
  };
  // By code, not by class: the ValidationError class extends this module's importer.
  const issues = (error as { issues?: unknown } | null | undefined)?.issues;
  if (isBrandedError(error) && error.code === ErrorCodes.VALIDATION_FAILED && Array.isArray(issues)) {
    serialized.fields = issues.map((issue) => String((issue as { path?: unknown }).path));
  }
  if (isBrandedError(error) && Object.keys(error.context).length > 0) serialized.context = error.context;
  const cause = (error as { cause?: unknown } | null | undefined)?.cause;
  if (cause !== undefined && depth < MAX_DEPTH) serialized.cause = serializeAt(cause, depth + 1);
  return serialized;
}
