import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/create-logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ destination }), lines };
}

describe('createLogger', () => {
  it('rounds fractional durations to a tenth of a millisecond, and leaves other numbers', async () => {
    const { logger, lines } = capture();
    logger.info({ durationMs: 2445.7369019999996, ms: 0.04, created: 3, ratio: 0.123456, waitedMs: 12 }, 'refilled');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toMatchObject({ durationMs: 2445.7, ms: 0, created: 3, ratio: 0.123456, waitedMs: 12 });
  });

  it('redacts secret-named fields three levels deep, in arrays and child bindings, and leaves the rest', async () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('boom'), { code: 'E1' });
    const logged = {
      password: 'secret-p0',
      project: {
        id: 'p1',
        connectionString: 'postgres://u:secret-p1@h/db',
        owner: { password: 'secret-p2', name: 'n' },
      },
      api_keys: [{ key: 'secret-k0' }],
      results: [{ key: 'secret-k1', start: 's' }],
      authorization: 'Bearer secret-t0',
      tokenId: 'kept',
      err: error,
    };
    logger.child({ token: 'secret-t1' }).info(logged, 'line');
    await new Promise((resolve) => setImmediate(resolve));
    const [line] = lines;
    expect(line).toMatchObject({
      msg: 'line',
      token: '[REDACTED]',
      password: '[REDACTED]',
      project: { id: 'p1', connectionString: '[REDACTED]', owner: { password: '[REDACTED]', name: 'n' } },
      api_keys: '[REDACTED]',
      results: [{ key: '[REDACTED]', start: 's' }],
      authorization: '[REDACTED]',
      tokenId: 'kept',
      err: { message: 'boom', code: 'E1' },
    });
    // Values no path can hold by chance (a stack trace's file names are in the line too).
    expect(JSON.stringify(lines)).not.toMatch(/secret-/);
    // The caller's object is not changed.
    expect(logged.password).toBe('secret-p0');
    expect(logged.project.owner.password).toBe('secret-p2');
  });
});
