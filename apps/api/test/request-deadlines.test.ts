import fc from 'fast-check';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestDeadlines } from '../src/server/request-deadlines.js';

/**
 * The list of open requests (src/server/request-deadlines.ts) against a plain model: after
 * any sequence of arrivals, answers and passing time, exactly the requests neither answered
 * nor left are expired, each once, in arrival order. Requests and replies are the two
 * fields the class reads of them; the hooks that feed it are tested end to end in
 * time-limits.e2e.test.ts.
 */
type Step = { arrive: true } | { answer: number } | { wait: number };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('RequestDeadlines', () => {
  it('expires exactly the requests still open past the limit, each once, in arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant<Step>({ arrive: true }),
            fc.nat(50).map<Step>((answer) => ({ answer })),
            fc.integer({ min: 1, max: 600 }).map<Step>((wait) => ({ wait })),
          ),
          { maxLength: 120 },
        ),
        (steps) => {
          const limitMs = 1000;
          const expired: number[] = [];
          const requests: { n: number; deadlineEntry: unknown; reply: { sent: boolean } }[] = [];
          const deadlines = new RequestDeadlines(limitMs, (request, reply) => {
            expired.push((request as unknown as { n: number }).n);
            // As the server's expiry does: the request is answered (503).
            (reply as unknown as { sent: boolean }).sent = true;
          });
          const answered = new Set<number>();
          try {
            for (const step of steps) {
              if ('arrive' in step) {
                const request = { n: requests.length, deadlineEntry: null, reply: { sent: false } };
                requests.push(request);
                deadlines.enter(request as unknown as FastifyRequest, request.reply as unknown as FastifyReply);
              } else if ('answer' in step) {
                const request = requests[step.answer];
                if (request === undefined || request.reply.sent) continue;
                request.reply.sent = true;
                answered.add(request.n);
                deadlines.leave(request as unknown as FastifyRequest);
              } else {
                vi.advanceTimersByTime(step.wait);
              }
            }
            vi.advanceTimersByTime(limitMs * 2);
            // Every request not answered was expired, once, in the order they arrived.
            expect(expired).toEqual(requests.map(({ n }) => n).filter((n) => !answered.has(n)));
            // Every request has left the list: none holds its link any more.
            expect(requests.every((request) => request.deadlineEntry === null)).toBe(true);
          } finally {
            deadlines.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
