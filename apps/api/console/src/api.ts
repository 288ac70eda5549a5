import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../src/client/api-schema';

/** The API's answers, typed from its OpenAPI document (the types the server is tested against). */
export type Schemas = components['schemas'];
export type Project = Schemas['Project'];
export type Operation = Schemas['Operation'];
/** One change of the event feed (`GET /v1/events`); not the DOM's `Event`. */
export type FeedEvent = Schemas['Event'];
export type Overview = Schemas['Overview'];
export type ApiKey = Schemas['ApiKey'];
export type Snapshot = Schemas['Snapshot'];
export type Problem = Schemas['Problem'];
export type WebhookEndpoint = Schemas['WebhookEndpoint'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type ConsoleClient = Client<paths>;

// Per tab, and gone when it closes: an admin token is not left in the browser's storage.
const TOKEN_KEY = 'control-plane-console.token';

export function savedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * A client of the API this page was served by, acting with `token`. A 401 (a wrong, revoked
 * or expired token) calls `onUnauthorized`, which sends the operator back to the sign-in.
 */
export function consoleClient(token: string, onUnauthorized: () => void): ConsoleClient {
  const client = createClient<paths>({ baseUrl: location.origin, headers: { authorization: `Bearer ${token}` } });
  client.use({
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
  return client;
}

/** A refusal in one line: its title, detail and code, then each invalid field it names. */
export function describeProblem(problem: Partial<Problem> | undefined, fallback = 'The request failed'): string {
  if (problem === undefined || typeof problem !== 'object') return fallback;
  const text = [problem.title, problem.detail].filter(Boolean).join(': ');
  const line = problem.code === undefined ? text || fallback : `${text || fallback} (${problem.code})`;
  // Any JSON may come back (a proxy's): only a list is read as the fields.
  const fields = Array.isArray(problem.errors) ? problem.errors.map((field) => `${field.path}: ${field.message}`) : [];
  return fields.length === 0 ? line : `${line}. ${fields.join('; ')}`;
}
