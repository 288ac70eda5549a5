import { ErrorCodes } from '@org/errors';

/** One invalid field of a request: where, and what is wrong (never the value). */
export interface ProblemField {
  path: string;
  message: string;
}

/**
 * An answer that is not a success, as RFC 9457 problem details: `status`, a stable `code`
 * from `@org/errors` (what programs match on), a human `title` and `detail`. `type` is a
 * URN naming the code: stable, and not a link to follow.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: {
      errors?: ProblemField[];
      operationId?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  static notFound(what = 'resource'): ApiProblem {
    return new ApiProblem(404, ErrorCodes.NOT_FOUND, 'Not found', `No such ${what}`);
  }

  /** The 400 for a request with invalid fields, each named in `errors`. */
  static invalid(errors: ProblemField[]): ApiProblem {
    return new ApiProblem(400, ErrorCodes.VALIDATION_FAILED, 'Invalid request', 'The request has invalid fields', {
      errors,
    });
  }
}

/** The problem document's `type` for a code. */
export function problemType(code: string): string {
  return `urn:org:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
