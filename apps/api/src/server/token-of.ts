import { ErrorCodes } from '@org/errors';
import type { FastifyRequest } from 'fastify';
import { ApiProblem } from '../http/api-problem.js';

/** The token a route with `config.auth` was given (the onRequest hook refused the request otherwise). */
export function tokenOf(request: FastifyRequest) {
  if (request.token === null) throw new ApiProblem(401, ErrorCodes.UNAUTHENTICATED, 'Unauthenticated');
  return request.token;
}
