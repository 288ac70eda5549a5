import type { ApiKeyCache } from '@org/api-keys';
import type { DbContext } from '@org/db';
import type { OperationsClient } from '@org/operations';
import type { Logger } from 'pino';
import type { AdminTokenStore } from '../auth/admin-token-store.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { ApiMetrics } from '../http/api-metrics.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';

/** Everything the API's handlers use. The API records and enqueues; workers do the work. */
export interface ApiContext {
  /** The control plane: projects, keys, clusters (for a region's availability), the secret key. */
  db: DbContext;
  /** Operations: requested with their jobs (this process runs none), read, cancelled; one-time results. */
  operations: OperationsClient;
  tokens: AdminTokenStore;
  /** Verified project keys in memory (`POST /v1/api-keys/verify`); without one, each verification is a query. */
  keyCache?: ApiKeyCache;
  idempotency: IdempotencyStore;
  /** Per admin token, after authentication. */
  limiter: RateLimiter;
  /** Per client address, before authentication: made-up tokens cost a lookup each. */
  addressLimiter: RateLimiter;
  logger: Logger;
  metrics: ApiMetrics;
  bodyLimitBytes: number;
  /** Past it a request is answered 503 with Retry-After (API_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How long a deleted project stays recoverable unless its DELETE asks otherwise (DELETED_PROJECT_RETENTION_SECONDS). */
  deletionRetentionSeconds: number;
}
