import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_PREFIX_RULE,
  apiKeyStart,
  createApiKeyValue,
  isValidApiKeyPrefix,
  parseApiKey,
  RESERVED_API_KEY_PREFIXES,
  validateApiKeyFormat,
} from './api-key-format.js';

describe('API key format', () => {
  it('is {prefix}_{timestamp}_{64 random hex + 8 hex CRC-32}', () => {
    const key = createApiKeyValue('nm', new Date(1_764_234_000_000));
    expect(key).toMatch(/^nm_1764234000000_[0-9a-f]{72}$/);
    expect(parseApiKey(key)).toEqual({ prefix: 'nm', timestamp: 1_764_234_000_000 });
    expect(apiKeyStart(key)).toBe(`${key.slice(0, 'nm_1764234000000_'.length + 6)}…`);
  });

  it('checks prefixes', () => {
    for (const ok of ['nm', 'pk', 'a1', 'abcdefghijklmnop']) expect(isValidApiKeyPrefix(ok)).toBe(true);
    for (const bad of ['', 'a', '1a', 'Ab', 'a_b', 'abcdefghijklmnopq', 'a-b'])
      expect(isValidApiKeyPrefix(bad)).toBe(false);
  });

  it('refuses the prefixes kept for the platform’s own credentials (admin tokens are cpadmin_…)', () => {
    expect(RESERVED_API_KEY_PREFIXES).toContain('cpadmin');
    for (const reserved of ['cpadmin', 'cpadmin2', 'cpadminx']) expect(isValidApiKeyPrefix(reserved)).toBe(false);
    for (const ok of ['cp', 'cpadmi', 'admin']) expect(isValidApiKeyPrefix(ok)).toBe(true);
    expect(API_KEY_PREFIX_RULE).toContain('not starting with cpadmin');
  });

  it('100,000 generated keys are unique and valid', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const key = createApiKeyValue('pk');
      expect(validateApiKeyFormat(key)).toBe(true);
      seen.add(key);
    }
    expect(seen.size).toBe(100_000);
  });

  it('every single-character change of a valid key fails validation', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_ABCDEF-.';
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.constantFrom('nm', 'pk', 'live2', 'abcdefghijklmnop'),
        fc.integer({ min: 1_000_000_000_000, max: 9_999_999_999_999 }),
        (random, prefix, time) => {
          const key = createApiKeyValue(prefix, new Date(time), Buffer.from(random));
          expect(validateApiKeyFormat(key)).toBe(true);
          for (let position = 0; position < key.length; position++) {
            for (const replacement of alphabet) {
              if (replacement === key[position]) continue;
              const changed = key.slice(0, position) + replacement + key.slice(position + 1);
              if (validateApiKeyFormat(changed)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects non-strings and truncations', () => {
    const key = createApiKeyValue('nm');
    for (const bad of [undefined, null, 42, {}, '', key.slice(0, -1), `${key}0`, key.toUpperCase()]) {
      expect(validateApiKeyFormat(bad)).toBe(false);
    }
  });
});
