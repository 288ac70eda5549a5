import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

/** Resolves a host name to its addresses, as `dns.lookup` with `all: true` does. */
export type ResolveHost = (host: string) => Promise<{ address: string; family: number }[]>;

/** One signed POST to an endpoint. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The whole exchange, connection to the end of the answer's body (default 15 s). */
  timeoutMs?: number;
  policy: AddressPolicy;
  /** Default: the system resolver (`dns.lookup`). */
  resolve?: ResolveHost;
}

/** How an attempt ended: an HTTP status, or no answer and why. */
export interface WebhookResponse {
  status: number | null;
  /** The answer's `Retry-After`, as sent. */
  retryAfter: string | null;
  /** Why there is no usable answer (refused address, timeout, connection error). */
  error: string | null;
  /** The address connected to (or refused). */
  address: string | null;
}

/** An attempt's default time limit: 15 seconds. */
export const WEBHOOK_TIMEOUT_MS = 15_000;

/** Bytes of an answer read before the rest is ignored: only its status counts. */
const MAX_RESPONSE_BYTES = 64 * 1024;

const systemResolve: ResolveHost = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Sends one webhook, guarded against reaching private networks. The host is resolved here,
 * once, and every address it resolves to is checked against `policy`; then the request
 * connects to exactly the first checked address: the `lookup` given to `http.request`
 * answers with it instead of asking DNS again, so a name that changes its answer between
 * the check and the connection (DNS rebinding) cannot redirect the request. TLS still
 * verifies the certificate against the URL's host name. Redirects are not followed (a 3xx
 * is a failed attempt). Never throws: a failure is the `error` of the response.
 */
export async function sendWebhookRequest(request: WebhookRequest): Promise<WebhookResponse> {
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses =
      isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await (request.resolve ?? systemResolve)(host);
  } catch (error) {
    return {
      status: null,
      retryAfter: null,
      error: `could not resolve ${host}: ${(error as Error).message}`,
      address: null,
    };
  }
  if (addresses.length === 0) return { status: null, retryAfter: null, error: `${host} has no address`, address: null };
  // Every address is checked, not only the one used: a name that mixes a public and a
  // private address is refused whole.
  for (const { address } of addresses) {
    const refusal = request.policy.refusal(address, host);
    if (refusal !== null) return { status: null, retryAfter: null, error: `refused: ${refusal}`, address };
  }
  const checked = addresses[0]!;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all === true) {
      (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [checked]);
    } else {
      callback(null, checked.address, checked.family);
    }
  };
  return new Promise((resolve) => {
    const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    let settled = false;
    const finish = (response: Omit<WebhookResponse, 'address'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...response, address: checked.address });
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST',
      lookup: pinned,
      // A connection of its own: a pooled socket may have been opened to another address.
      agent: false,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(request.body)),
        'user-agent': 'org-webhooks/1',
      },
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => finish({ status: null, retryAfter: null, error: error.message }));
    req.on('response', (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const answered = () => {
        const retryAfter = res.headers['retry-after'];
        finish({ status: res.statusCode ?? null, retryAfter: retryAfter ?? null, error: null });
      };
      res.on('end', answered);
      res.on('close', answered);
      res.on('error', answered);
    });
    req.end(request.body);
  });
}
