import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

/** The same map, kept the plain way: every read and write moves its key to the end. */
class ReferenceLru<Key, Value> {
  readonly entries = new Map<Key, Value>();
  constructor(private readonly limit: number) {}
  get(key: Key): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: Key, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as Key);
  }
  delete(key: Key): void {
    this.entries.delete(key);
  }
}

const operation = fc.oneof(
  fc.record({ op: fc.constant('get' as const), key: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('set' as const), key: fc.integer({ min: 0, max: 6 }), value: fc.integer() }),
  fc.record({ op: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ op: fc.constant('clear' as const) }),
);

describe('LruMap', () => {
  it('reads, writes, forgets and orders its entries as a map that moves every key it touches', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(operation, { maxLength: 80 }), (limit, operations) => {
        const lru = new LruMap<number, number>(limit);
        let reference = new ReferenceLru<number, number>(limit);
        for (const step of operations) {
          if (step.op === 'get') expect(lru.get(step.key)).toBe(reference.get(step.key));
          else if (step.op === 'set') {
            lru.set(step.key, step.value);
            reference.set(step.key, step.value);
          } else if (step.op === 'delete') {
            lru.delete(step.key);
            reference.delete(step.key);
          } else {
            lru.clear();
            reference = new ReferenceLru<number, number>(limit);
          }
          expect([...lru]).toEqual([...reference.entries]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
