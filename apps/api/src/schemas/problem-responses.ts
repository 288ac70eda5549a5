import { problemSchema } from './common-schemas.js';

/** What each problem status means on this API (the OpenAPI document's response descriptions). */
export const PROBLEM_STATUSES = {
  400: 'Invalid request: malformed JSON, a field of the wrong type, an unknown field (`errors` names each)',
  401: 'No admin token, or an unknown or revoked one',
  404: 'No such resource, or one the token may not see',
  409: 'Not possible in the resource’s state now (another operation in progress or holding it, not provisioned, already so, quota)',
  410: 'Gone: the one-time result was claimed already, or expired',
  412: 'If-Match names another version: the resource changed',
  413: 'Request body larger than the limit',
  414: 'A path segment longer than any id',
  415: 'Request body not JSON',
  422: 'Idempotency-Key already used for a different request, or a value refused (a webhook URL, the endpoint limit)',
  429: 'Too many requests from this address or for this token; see Retry-After',
  431: 'The URL or the headers are larger than the server reads',
  503: 'A dependency did not answer; retry after Retry-After',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/**
 * The problem answers a route documents: those every authenticated route can give (400,
 * 401, 404, 414, 429, 431, 503), those of a route that reads a body (413, 415: any POST or DELETE,
 * since a body sent to one is read even when it takes none) and the ones named.
 */
export function problems(options: { body?: boolean; also?: ProblemStatus[] } = {}) {
  const statuses: ProblemStatus[] = [
    400,
    401,
    404,
    414,
    429,
    431,
    503,
    ...(options.body ? ([413, 415] as const) : []),
    ...(options.also ?? []),
  ];
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<
    ProblemStatus,
    typeof problemSchema
  >;
}
