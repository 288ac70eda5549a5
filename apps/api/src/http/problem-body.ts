import type { ApiProblem } from './api-problem.js';
import { problemType } from './api-problem.js';

/** The JSON body of a problem answer (RFC 9457 members, then ours). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  request_id: string;
  errors?: { path: string; message: string }[];
  operation_id?: string;
}

/** A problem as its answer's body. */
export function problemBody(problem: ApiProblem, requestId: string): ProblemBody {
  return {
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    code: problem.code,
    request_id: requestId,
    ...(problem.extra.errors === undefined ? {} : { errors: problem.extra.errors }),
    ...(problem.extra.operationId === undefined ? {} : { operation_id: problem.extra.operationId }),
  };
}
