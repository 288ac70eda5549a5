import { randomBytes } from 'node:crypto';

/**
 * The control plane's key for this bench run, base64: one per run, as one control plane
 * has one key. Every context and child process of the run shares it, since the platform's
 * role on the tenant cluster (and so its template and warm pool) is derived from it.
 */
export const BENCH_SECRET_KEY = randomBytes(32).toString('base64');
