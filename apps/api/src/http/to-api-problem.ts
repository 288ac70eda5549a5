import {
  classifyError,
  ErrorCodes,
  isProvisioningError,
  OperationInProgressError,
  sqlStateOf,
  ValidationError,
  type ValidationIssue,
} from '@org/errors';
import { ApiProblem, type ProblemField } from './api-problem.js';

// Fastify's own refusals of a request, by their code.
const FASTIFY_REFUSALS: Record<string, [number, string, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    ErrorCodes.PAYLOAD_TOO_LARGE,
    'Request body too large',
    'The body exceeds API_BODY_LIMIT_BYTES',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
    'Unsupported media type',
    'Send application/json',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    ErrorCodes.MALFORMED_REQUEST,
    'Malformed request',
    'Content-Length does not match the body',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, ErrorCodes.MALFORMED_REQUEST, 'Malformed request', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, ErrorCodes.MALFORMED_REQUEST, 'Malformed request', 'The body is not valid JSON'],
  FST_ERR_BAD_URL: [400, ErrorCodes.MALFORMED_REQUEST, 'Malformed request', 'The URL cannot be read'],
  FST_ERR_MAX_PARAM_LENGTH: [414, ErrorCodes.REQUEST_TOO_LARGE, 'URI too long', 'A path segment is longer than any id'],
  HPE_HEADER_OVERFLOW: [
    431,
    ErrorCodes.REQUEST_TOO_LARGE,
    'Request headers too large',
    'The headers are larger than the server reads',
  ],
};

// The HTTP parser's refusals (Node's llhttp, before any route): the client sent something
// that is not HTTP/1.1 as this server reads it. Client junk, never an outage: a 400.
const PARSER_REFUSALS: Record<string, string> = {
  HPE_INVALID_METHOD: 'The method is not one HTTP defines',
  HPE_INVALID_URL: 'The request target cannot be read',
  HPE_INVALID_HEADER_TOKEN: 'A header has a character HTTP does not allow (a control character, say)',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length and Transfer-Encoding together: send one of them',
  HPE_INVALID_TRANSFER_ENCODING: 'A Transfer-Encoding this server does not read',
  HPE_INVALID_CONTENT_LENGTH: 'Content-Length is not a number, or given twice',
  HPE_INVALID_CHUNK_SIZE: 'A chunk size cannot be read',
};

/** Longer than this, a request line that overflowed the parser is a URL too long rather than headers. */
const LONG_REQUEST_LINE = 8 * 1024;

/** A refusal of Node's HTTP parser (`clientError`), or undefined for anything else. */
function parserProblem(error: { code?: unknown; rawPacket?: unknown }): ApiProblem | undefined {
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') {
    return new ApiProblem(408, ErrorCodes.TIMEOUT, 'Request timeout', 'The request did not arrive in time');
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
    const line = packet.indexOf('\r\n');
    if (line === -1 ? packet.length > LONG_REQUEST_LINE : line > LONG_REQUEST_LINE) {
      return new ApiProblem(
        414,
        ErrorCodes.REQUEST_TOO_LARGE,
        'URI too long',
        'The URL is longer than the server reads',
      );
    }
    return undefined;
  }
  if (!code.startsWith('HPE_')) return undefined;
  return new ApiProblem(
    400,
    ErrorCodes.MALFORMED_REQUEST,
    'Malformed request',
    PARSER_REFUSALS[code] ?? 'The request cannot be read as HTTP/1.1',
  );
}

/** What it says on the wire is bounded: a field name or message quoted from a hostile request stays short. */
function bounded(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function fields(issues: readonly ValidationIssue[]): ProblemField[] {
  return issues.slice(0, 20).map((issue) => ({ path: bounded(issue.path), message: bounded(issue.message) }));
}

/**
 * Any thrown value as the problem to answer with. Our errors map by code (a validation
 * failure names its fields, a busy project names its operation); the framework's and the
 * HTTP parser's refusals (body too large, bad JSON, wrong media type, a malformed request
 * line or header) are 4xx; only a database or network failure that may pass is a 503 with
 * `Retry-After`; anything else is a 500 whose detail says nothing (the log has the
 * serialised error).
 */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  const e = error as { code?: unknown; statusCode?: unknown; validation?: unknown; validationContext?: unknown };
  if (Array.isArray(e.validation)) {
    const where = typeof e.validationContext === 'string' ? e.validationContext : 'body';
    const issues = (e.validation as { instancePath?: string; message?: string }[]).map((issue) => ({
      path: `${where}${(issue.instancePath ?? '').replaceAll('/', '.')}`.replace(/\.$/, ''),
      message: issue.message ?? 'invalid',
    }));
    return ApiProblem.invalid(fields(issues));
  }
  const parser = parserProblem(error as { code?: unknown; rawPacket?: unknown });
  if (parser !== undefined) return parser;
  if (typeof e.code === 'string' && e.code in FASTIFY_REFUSALS) {
    const [status, code, title, detail] = FASTIFY_REFUSALS[e.code]!;
    return new ApiProblem(status, code, title, detail);
  }
  if (ValidationError.is(error)) {
    return ApiProblem.invalid(fields(error.issues));
  }
  if (OperationInProgressError.is(error)) {
    return new ApiProblem(409, error.code, 'Operation in progress', error.message, {
      operationId: error.operationId,
    });
  }
  if (isProvisioningError(error)) {
    switch (error.code) {
      case ErrorCodes.PROJECT_NOT_FOUND:
      case ErrorCodes.API_KEY_NOT_FOUND:
        return ApiProblem.notFound(error.code === ErrorCodes.API_KEY_NOT_FOUND ? 'API key' : 'project');
      case ErrorCodes.PROJECT_NOT_ELIGIBLE:
        return new ApiProblem(409, error.code, 'Not possible in the project’s state', error.message);
      case ErrorCodes.DELETION_PROTECTED:
        return new ApiProblem(409, error.code, 'Deletion protection is on', error.message);
      case ErrorCodes.QUOTA_EXCEEDED:
        return new ApiProblem(409, error.code, 'Quota exceeded', error.message);
      case ErrorCodes.PROJECT_LOCKED:
        // Another run holds the project: a conflict with its state now, not an outage.
        return new ApiProblem(
          409,
          error.code,
          'Project busy',
          'Another operation holds the project; try again shortly',
          {
            headers: { 'retry-after': '1' },
          },
        );
    }
  }
  // Framework refusals without a code of ours (a prototype-poisoned body, say) keep their 4xx.
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new ApiProblem(400, ErrorCodes.MALFORMED_REQUEST, 'Malformed request', 'The request cannot be read');
  }
  // A value PostgreSQL refused as data (class 22: bad text, an invalid date, a NUL) came from
  // the request: the schemas should have refused it first, and this keeps it a 400 if not.
  if (sqlStateOf(error)?.startsWith('22')) {
    return new ApiProblem(
      400,
      ErrorCodes.MALFORMED_REQUEST,
      'Malformed request',
      'A value of the request is not acceptable',
    );
  }
  if (classifyError(error).retryable) {
    return new ApiProblem(
      503,
      ErrorCodes.SERVICE_UNAVAILABLE,
      'Service unavailable',
      'A dependency did not answer; try again',
      {
        headers: { 'retry-after': '1' },
      },
    );
  }
  return new ApiProblem(500, ErrorCodes.INTERNAL_ERROR, 'Internal error', 'The request failed; the server logged why');
}
