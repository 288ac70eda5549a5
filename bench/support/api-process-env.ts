import { BENCH_SECRET_KEY } from './bench-secret-key.js';

/**
 * The environment the benches run the API (and its floors) with on `databaseUrl`: logs as in
 * production (JSON, info), and the rate limiters running (their buckets are taken per
 * request) without refusing the load: a hundred million a minute, where the API's verify
 * from its cache, one address with one token, passed the former million (16,667/s) and
 * got 429s.
 */
export function apiProcessEnv(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PROVISIONING_SECRET_KEY: BENCH_SECRET_KEY,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    API_RATE_LIMIT_PER_MINUTE: '100000000',
    API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000000',
  };
}
