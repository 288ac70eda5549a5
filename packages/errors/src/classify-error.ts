import { isBrandedError } from './error-brand.js';
import { ErrorCodes } from './error-codes.js';
import { parseRetryAfter } from './parse-retry-after.js';

/** What a retry policy needs to know about a thrown value. */
export interface ErrorClassification {
  /** Whether the same operation may succeed if run again. */
  retryable: boolean;
  /** A stable code: our own, a SQLSTATE, an errno, `HTTP_503`, `ABORTED`, ... */
  code: string;
  /** A short human reason, free of secrets. */
  reason: string;
  /** A server's hint for the wait before the next attempt. */
  retryAfterMs?: number;
}

// SQLSTATEs that a later attempt can get past. Class 08 (connection exceptions) is
// matched by prefix below.
const TRANSIENT_SQLSTATES: Record<string, string> = {
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '53300': 'too many connections',
  '55P03': 'lock not available',
  // A session's time limits (SESSION_LIMITS in @org/db): a busy or cut-off server now, maybe not later.
  '57014': 'statement timeout',
  '25P03': 'idle in transaction timeout',
  '55006': 'object in use',
  '57P01': 'admin shutdown',
  '57P02': 'crash shutdown',
  '57P03': 'cannot connect now',
};

// Permanent ones named explicitly; other classes fall through to the default below.
const PERMANENT_SQLSTATES: Record<string, string> = {
  '28P01': 'invalid password',
  '28000': 'invalid authorization',
  '3D000': 'database does not exist',
  '42P04': 'duplicate database',
};

const TRANSIENT_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // postgres.js reports a dropped or never-made connection with these codes.
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // A pool ended by its owner (a worker shutting down): another process can do the work.
  'CONNECTION_ENDED',
  // undici (fetch) wraps socket failures in these.
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

// JavaScript's own error types mean a bug; running the same code again fails again.
const PROGRAMMER_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

const MAX_CAUSE_DEPTH = 5;

/**
 * Decides whether a thrown value is worth retrying, by codes and never by message text:
 * our own errors, PostgreSQL SQLSTATEs (postgres.js `code`), Node errno codes, HTTP
 * statuses (`status` or `statusCode`, with `Retry-After` honoured), timeouts and aborts.
 * Wrapped causes are followed, so `fetch failed` over an ECONNRESET is transient.
 */
export function classifyError(error: unknown): ErrorClassification {
  return classifyAt(error, 0);
}

function classifyAt(error: unknown, depth: number): ErrorClassification {
  if (isBrandedError(error)) {
    return {
      retryable: error.retryable,
      code: error.code,
      reason: error.message,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    };
  }
  if (typeof error !== 'object' || error === null) {
    return { retryable: false, code: ErrorCodes.UNKNOWN, reason: `non-error value thrown (${typeof error})` };
  }
  const record = error as Record<string, unknown>;
  const name = typeof record['name'] === 'string' ? record['name'] : '';

  // An abort is the caller changing its mind: never retried. A timeout signal's reason
  // is a TimeoutError: the operation was too slow this time and may not be next time.
  if (name === 'AbortError') return { retryable: false, code: ErrorCodes.ABORTED, reason: 'operation aborted' };
  if (name === 'TimeoutError') return { retryable: true, code: ErrorCodes.TIMEOUT, reason: 'operation timed out' };

  const code = typeof record['code'] === 'string' ? record['code'] : undefined;
  if (code !== undefined && TRANSIENT_ERRNOS.has(code)) {
    return { retryable: true, code, reason: `network error ${code}` };
  }
  if (code !== undefined && isSqlState(code, record)) return classifySqlState(code);

  const status = httpStatusOf(record);
  if (status !== undefined) return classifyHttpStatus(status, retryAfterOf(record));

  // Wrappers (Drizzle's DrizzleQueryError, fetch's TypeError) carry the real error as cause.
  if (depth < MAX_CAUSE_DEPTH && record['cause'] !== undefined) {
    const inner = classifyAt(record['cause'], depth + 1);
    if (inner.code !== ErrorCodes.UNKNOWN) return inner;
  }
  if (PROGRAMMER_ERRORS.has(name)) return { retryable: false, code: ErrorCodes.PROGRAMMER_ERROR, reason: `${name}` };
  // An unrecognised error is retried, as p-retry does: the attempt budget bounds the
  // cost, and giving up on a transient fault we failed to recognise loses a project.
  return { retryable: true, code: ErrorCodes.UNKNOWN, reason: `unclassified ${name || 'error'}` };
}

/** The SQLSTATE of the first PostgreSQL error in `error`'s cause chain, if any. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth <= MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== 'object' || current === null) return undefined;
    const record = current as Record<string, unknown>;
    if (!isBrandedError(current) && typeof record['code'] === 'string' && isSqlState(record['code'], record)) {
      if (!TRANSIENT_ERRNOS.has(record['code'])) return record['code'];
    }
    current = record['cause'];
  }
  return undefined;
}

function isSqlState(code: string, record: Record<string, unknown>): boolean {
  // SQLSTATEs are five characters of digits and upper-case letters. EPIPE has that
  // shape too, which is why errnos are checked first; requiring a PostgreSQL-looking
  // error (postgres.js sets severity) keeps other five-letter codes out.
  return /^[0-9A-Z]{5}$/.test(code) && (record['severity'] !== undefined || /\d/.test(code));
}

function classifySqlState(code: string): ErrorClassification {
  const transient = TRANSIENT_SQLSTATES[code];
  if (transient !== undefined) return { retryable: true, code, reason: transient };
  if (code.startsWith('08')) return { retryable: true, code, reason: 'connection exception' };
  const permanent = PERMANENT_SQLSTATES[code];
  if (permanent !== undefined) return { retryable: false, code, reason: permanent };
  if (code.startsWith('23')) return { retryable: false, code, reason: 'integrity constraint violation' };
  if (code.startsWith('42')) return { retryable: false, code, reason: 'syntax error or access rule violation' };
  // 53xxx other than 53300 (disk full, out of memory) and XX (internal error) are
  // conditions an operator must fix; retrying within seconds only adds load. Every
  // other class is a statement that will fail the same way again.
  return { retryable: false, code, reason: `database error ${code}` };
}

function httpStatusOf(record: Record<string, unknown>): number | undefined {
  const status = record['status'] ?? record['statusCode'];
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : undefined;
}

function retryAfterOf(record: Record<string, unknown>): number | undefined {
  if (typeof record['retryAfterMs'] === 'number') return record['retryAfterMs'];
  const headers = record['headers'];
  if (headers instanceof Headers) return parseRetryAfter(headers.get('retry-after'));
  if (typeof headers === 'object' && headers !== null) {
    const value = (headers as Record<string, unknown>)['retry-after'];
    if (typeof value === 'string') return parseRetryAfter(value);
  }
  return undefined;
}

function classifyHttpStatus(status: number, retryAfterMs: number | undefined): ErrorClassification {
  const code = `HTTP_${status}`;
  // 408 is the server timing out on us: the same request may go through next time.
  if (status === 429 || status === 408 || status >= 500) {
    return { retryable: true, code, reason: `HTTP ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { retryable: false, code, reason: `HTTP ${status}` };
}
