import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers every request still unanswered `limitMs` after it arrived (routing, body and
 * handler included) with `expire(request, reply)`: one sweep for all requests, a tenth of
 * the limit apart. Fastify's own `handlerTimeout` (a timer and an AbortController per
 * request) cost 10-20 % of the API's GET and verify throughput against their floor (bench/,
 * `--only=api`, with and without it in one sitting), so requests are entered and left from
 * the server's existing hooks instead. The handler's own work is not stopped; the API's
 * session limits end its database waits before this limit.
 */
export class RequestDeadlines {
  // In arrival order, which is deadline order: a sweep stops at the first not yet due.
  private readonly open = new Map<FastifyRequest, { reply: FastifyReply; deadline: number }>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly limitMs: number,
    private readonly expire: (request: FastifyRequest, reply: FastifyReply) => void,
  ) {
    this.sweep = setInterval(
      () => {
        const now = Date.now();
        for (const [request, { reply, deadline }] of this.open) {
          if (deadline > now) break;
          this.open.delete(request);
          if (!reply.sent) expire(request, reply);
        }
      },
      Math.max(50, Math.floor(limitMs / 10)),
    );
    this.sweep.unref();
  }

  /** A request arrived (its first hook). */
  enter(request: FastifyRequest, reply: FastifyReply): void {
    this.open.set(request, { reply, deadline: Date.now() + this.limitMs });
  }

  /** A request was answered (its response hook); one never answered leaves at its deadline. */
  leave(request: FastifyRequest): void {
    this.open.delete(request);
  }

  /**
   * Sets a request's limit aside while it waits `waitMs` for something its caller asked to
   * wait for (`?wait=`): meanwhile a timer of its own answers it with `expire` if it is still
   * unanswered `waitMs` plus the limit from now (a read inside the wait that a cut link keeps
   * waiting). Returns what ends the wait: the request is entered again with a fresh limit.
   */
  suspend(request: FastifyRequest, reply: FastifyReply, waitMs: number): () => void {
    this.open.delete(request);
    const timer = setTimeout(() => {
      if (!reply.sent) this.expire(request, reply);
    }, waitMs + this.limitMs);
    return () => {
      clearTimeout(timer);
      if (!reply.sent) this.enter(request, reply);
    };
  }

  /**
   * The server is closing: every request still open is answered with `Connection: close`, so
   * a client's kept-alive connection does not hold the shutdown for its idle timeout.
   */
  closing(): void {
    for (const { reply } of this.open.values()) if (!reply.sent) void reply.header('connection', 'close');
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
