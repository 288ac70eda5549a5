import { ConfigError, loadWorkerConfig, type WorkerConfig } from '@org/worker';
import { z } from 'zod';

const bounded = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`)
    .default(fallback);

/** The API's own environment variables; the database, key and clusters are the worker's (`loadWorkerConfig`). */
export const apiEnvSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: bounded(0, 65535, 8081),
  /** Largest request body accepted; a larger one is a 413 before it is read whole. */
  API_BODY_LIMIT_BYTES: bounded(1024, 10 * 1024 * 1024, 64 * 1024),
  /** Requests per minute per admin token (a token bucket: this many, refilled evenly). 0: no limit. */
  API_RATE_LIMIT_PER_MINUTE: bounded(0, 100_000_000, 1200),
  /** Requests per minute per client address, counted before its token is checked. 0: no limit. */
  API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: bounded(0, 100_000_000, 2400),
  /** How long an idempotency key's first answer is kept. */
  API_IDEMPOTENCY_TTL_HOURS: bounded(1, 24 * 7, 24),
  /**
   * The longest a request may take, routing to answer: past it the client gets a 503 with
   * Retry-After (a dependency that does not answer in time, a database cut off).
   */
  API_REQUEST_TIMEOUT_MS: bounded(1000, 600_000, 10_000),
  /** Connections of the API's pool. */
  API_DB_POOL_SIZE: bounded(2, 200, 10),
});

/** The API's configuration: the worker's, plus how it serves HTTP. */
export interface ApiConfig {
  worker: WorkerConfig;
  host: string;
  port: number;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  rateLimitPerAddressPerMinute: number;
  idempotencyTtlHours: number;
  requestTimeoutMs: number;
  poolSize: number;
}

/** Reads and validates the API's configuration from the environment (a `ConfigError` names every bad variable). */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  let worker: WorkerConfig | undefined;
  try {
    worker = loadWorkerConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const parsed = apiEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success)
    problems.push(...parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  if (problems.length > 0 || worker === undefined || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    worker,
    host: e.API_HOST,
    port: e.API_PORT,
    bodyLimitBytes: e.API_BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    rateLimitPerAddressPerMinute: e.API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    idempotencyTtlHours: e.API_IDEMPOTENCY_TTL_HOURS,
    requestTimeoutMs: e.API_REQUEST_TIMEOUT_MS,
    poolSize: e.API_DB_POOL_SIZE,
  };
}
