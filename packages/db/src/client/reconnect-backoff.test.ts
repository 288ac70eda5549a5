import { describe, expect, it } from 'vitest';
import { reconnectBackoff } from './reconnect-backoff.js';

describe('reconnectBackoff', () => {
  it('starts near 50 ms, doubles, and never waits more than 2 s', () => {
    for (let i = 0; i < 200; i++) {
      expect(reconnectBackoff(0)).toBeGreaterThanOrEqual(0.025);
      expect(reconnectBackoff(0)).toBeLessThanOrEqual(0.05);
      expect(reconnectBackoff(3)).toBeGreaterThanOrEqual(0.2);
      expect(reconnectBackoff(3)).toBeLessThanOrEqual(0.4);
      // postgres.js counts failed connections across the pool, so the attempt number climbs fast.
      expect(reconnectBackoff(50)).toBeGreaterThanOrEqual(1);
      expect(reconnectBackoff(50)).toBeLessThanOrEqual(2);
    }
  });
});
