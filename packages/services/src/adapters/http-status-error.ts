/**
 * A non-2xx answer from a service's admin API. Carries the status and the Retry-After
 * header for `classifyError`; never the response body, which may hold secrets.
 */
export class HttpStatusError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(method: string, url: string, status: number, retryAfter: string | null) {
    super(`${method} ${redactUrl(url)} answered HTTP ${status}`);
    this.name = 'HttpStatusError';
    this.status = status;
    this.headers = retryAfter === null ? {} : { 'retry-after': retryAfter };
  }
}

/** The URL without credentials or query string (tokens travel there sometimes). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
