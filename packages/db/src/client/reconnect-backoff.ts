/**
 * Seconds a postgres.js pool waits before reconnecting, after `attempt` failed connections
 * in a row (its `backoff` option). postgres.js's default grows to 10-20 s, counted across
 * the whole pool: after a 2 s server restart, queries handed to a reconnecting connection
 * waited 12 s and more while other connections sat idle, longer than a job heartbeat. This
 * doubles from 50 ms and stops at 2 s, which a server that is down for a while can bear.
 */
export function reconnectBackoff(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 2) * (0.5 + Math.random() / 2);
}
