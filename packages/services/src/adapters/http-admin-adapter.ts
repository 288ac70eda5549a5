import { createHash } from 'node:crypto';
import { ServiceRegistrationError, ValidationError } from '@org/errors';
import { withRetry, type RetryConfig } from '@org/retry';
import { z } from 'zod';
import { HttpStatusError, redactUrl } from './http-status-error.js';
import type { ServiceAdapter } from './service-adapter.js';

/** Configuration of the HTTP admin API adapter. */
export interface HttpAdminAdapterOptions {
  /** Base URL of the service's admin API (http or https). */
  adminUrl: string;
  /** Sent as `Authorization: Bearer ...` when set. */
  token?: string;
  /** Per request; the request is aborted after it. Default 5000. */
  timeoutMs?: number;
  /**
   * The adapter's own retry of each request. Default: none (one attempt), because the
   * caller's policy retries the whole operation (the worker's services step does, with the
   * contract's services preset): two layers would multiply the calls a service sees. Set one
   * when you call the adapter without a retrying caller.
   */
  retry?: RetryConfig;
}

const registrationResponse = z.object({ service_id: z.string().min(1).max(200), endpoint: z.url().max(2000) });

/**
 * Registers projects through a service's admin API:
 * `POST {adminUrl}/projects` with `{ project_id, region, config }`, answered by
 * `{ service_id, endpoint }`; `DELETE {adminUrl}/projects/{projectId}` (404 counts as done);
 * `GET {adminUrl}/health`.
 * Every request carries an `Idempotency-Key` derived from project, service and action and
 * a timeout. Errors carry the status and Retry-After for `classifyError` (429 and 5xx are
 * transient, other 4xx final); retried only if `retry` is given.
 */
export function createHttpAdminAdapter(options: HttpAdminAdapterOptions): ServiceAdapter {
  const base = parseAdminUrl(options.adminUrl);
  const timeoutMs = options.timeoutMs ?? 5000;
  const retry = options.retry ?? { maxAttempts: 1 };

  async function call(
    method: string,
    path: string,
    idempotencyKey: string | undefined,
    body: unknown,
    signal?: AbortSignal,
    gone = false,
  ) {
    const url = new URL(path, base).toString();
    return withRetry(
      async ({ signal: attemptSignal }) => {
        const response = await fetch(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
            ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.any([attemptSignal, AbortSignal.timeout(timeoutMs)]),
        });
        // For a disable, 404 means there is nothing to disable: done, as disable is idempotent.
        if (!response.ok && !(gone && response.status === 404)) {
          // Drain without reading into memory or logs: the body may hold secrets.
          await response.body?.cancel();
          throw new HttpStatusError(method, url, response.status, response.headers.get('retry-after'));
        }
        return response;
      },
      { ...retry, ...(signal === undefined ? {} : { signal }) },
      `${method} ${redactUrl(url)}`,
    );
  }

  return {
    kind: 'http',
    async register({ projectId, region, serviceType, config, signal }) {
      const response = await call(
        'POST',
        'projects',
        idempotencyKey(projectId, serviceType, 'register'),
        { project_id: projectId, region, service: serviceType, config },
        signal,
      );
      const parsed = registrationResponse.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) {
        throw new ServiceRegistrationError(
          serviceType,
          `${serviceType} admin API answered without service_id and endpoint`,
          {
            retryable: false,
            context: { projectId },
          },
        );
      }
      return { serviceId: parsed.data.service_id, endpoint: parsed.data.endpoint };
    },
    async disable({ projectId, serviceType, signal }) {
      const response = await call(
        'DELETE',
        `projects/${encodeURIComponent(projectId)}`,
        idempotencyKey(projectId, serviceType, 'disable'),
        undefined,
        signal,
        true,
      );
      await response.body?.cancel();
    },
    async health(signal) {
      try {
        const response = await fetch(new URL('health', base), {
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]),
        });
        await response.body?.cancel();
        return { ok: response.ok, detail: `HTTP ${response.status}` };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.name : 'unreachable' };
      }
    },
  };
}

/** Stable per project, service and action, so a repeated call is recognised by the service. */
export function idempotencyKey(projectId: string, serviceType: string, action: string): string {
  return createHash('sha256').update(`${projectId}:${serviceType}:${action}`).digest('hex').slice(0, 32);
}

function parseAdminUrl(adminUrl: string): URL {
  let url: URL;
  try {
    url = new URL(adminUrl);
  } catch {
    throw new ValidationError([{ path: 'adminUrl', message: 'must be an http(s) URL' }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError([{ path: 'adminUrl', message: 'must be an http(s) URL' }]);
  }
  // A trailing slash makes relative paths resolve under the base path.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
