import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first value that is something, checking again until then', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls < 3 ? undefined : { ready: 2 }), { what: 'two ready', intervalMs: 1 });
    expect(value).toEqual({ ready: 2 });
    expect(calls).toBe(3);
  });

  it('with until, resolves with the value until accepts', async () => {
    let ready = 0;
    const pool = await waitFor(() => Promise.resolve({ ready: ++ready }), {
      until: (seen) => seen.ready === 2,
      what: 'two ready',
      intervalMs: 1,
    });
    expect(pool).toEqual({ ready: 2 });
  });

  it('on timeout, rejects naming what it waited for and the last value', async () => {
    await expect(
      waitFor(() => ({ cluster: 'default', ready: 1 }), {
        until: (pool) => pool.ready === 2,
        what: 'the default pool at two ready',
        timeoutMs: 30,
        intervalMs: 5,
      }),
    ).rejects.toThrow(
      "Timed out after 30 ms waiting for the default pool at two ready; last value: { cluster: 'default', ready: 1 }",
    );
    const output = waitFor(() => 'starting\nstill starting', {
      until: (text) => text.includes('ready'),
      what: 'a ready line',
      timeoutMs: 0,
    });
    await expect(output).rejects.toThrow('waiting for a ready line; last value: \nstarting\nstill starting');
  });

  it('an error the check throws rejects at once, not retried', async () => {
    let calls = 0;
    const exited = waitFor(
      () => {
        calls++;
        throw new Error('exited with code 1');
      },
      { what: 'a ready line', timeoutMs: 1000 },
    );
    await expect(exited).rejects.toThrow('exited with code 1');
    expect(calls).toBe(1);
  });
});
