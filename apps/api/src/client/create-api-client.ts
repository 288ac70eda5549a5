import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema.js';

/** A typed client of the API: every path, body and answer typed from its OpenAPI document. */
export type ApiClient = Client<paths>;

/**
 * A client of the API at `baseUrl` (`http://127.0.0.1:8081`) acting with an admin token.
 * Each call answers `{ data, error, response }`: `error` is the problem details of a
 * refusal. Its types are generated from `openapi.json`, which the server generates from
 * the schemas it validates with, so client and server cannot disagree unnoticed.
 */
export function createApiClient(options: { baseUrl: string; token: string }): ApiClient {
  return createClient<paths>({ baseUrl: options.baseUrl, headers: { authorization: `Bearer ${options.token}` } });
}
