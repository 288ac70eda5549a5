import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request's place among those {@link RequestDeadlines} watches: a link of its list. */
export interface DeadlineEntry {
  request: FastifyRequest;
  reply: FastifyReply;
  deadline: number;
  previous: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
}

/**
 * Answers every request still unanswered `limitMs` after it arrived (routing, body and
 * handler included) with `expire(request, reply)`: one sweep for all requests, a tenth of
 * the limit apart. Fastify's own `handlerTimeout` (a timer and an AbortController per
 * request) cost 10-20 % of the API's GET and verify throughput against their floor (bench/,
 * `--only=api`, with and without it in one sitting), so requests are entered and left from
 * the server's existing hooks instead. The handler's own work is not stopped; the API's
 * session limits end its database waits before this limit.
 *
 * The open requests are a linked list in arrival order (deadline order), each request
 * holding its own link (`request.deadlineEntry`), and not a `Map`. With a `Map` entered and
 * left by every request, from the first major collection on (a minute or two into the
 * bench's load) every scavenge promoted about 1 MB and cost 2.5-4x as much, for good: most
 * likely its replaced tables, each linked to the next, kept every later table and the
 * requests in it reachable from the old generation (docs/performance.md, "Sustained load").
 */
export class RequestDeadlines {
  private first: DeadlineEntry | undefined;
  private last: DeadlineEntry | undefined;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly limitMs: number,
    private readonly expire: (request: FastifyRequest, reply: FastifyReply) => void,
  ) {
    this.sweep = setInterval(
      () => {
        const now = Date.now();
        while (this.first !== undefined && this.first.deadline <= now) {
          const { request, reply } = this.first;
          this.leave(request);
          if (!reply.sent) expire(request, reply);
        }
      },
      Math.max(50, Math.floor(limitMs / 10)),
    );
    this.sweep.unref();
  }

  /** A request arrived (its first hook). */
  enter(request: FastifyRequest, reply: FastifyReply): void {
    const entry: DeadlineEntry = {
      request,
      reply,
      deadline: Date.now() + this.limitMs,
      previous: this.last,
      next: undefined,
    };
    if (this.last === undefined) this.first = entry;
    else this.last.next = entry;
    this.last = entry;
    request.deadlineEntry = entry;
  }

  /** A request was answered (its response hook); one never answered leaves at its deadline. */
  leave(request: FastifyRequest): void {
    const entry = request.deadlineEntry;
    if (entry === null) return;
    request.deadlineEntry = null;
    if (entry.previous === undefined) this.first = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === undefined) this.last = entry.previous;
    else entry.next.previous = entry.previous;
    // A link that reached the old generation must not keep its young neighbours alive.
    entry.previous = undefined;
    entry.next = undefined;
  }

  /**
   * Sets a request's limit aside while it waits `waitMs` for something its caller asked to
   * wait for (`?wait=`): meanwhile a timer of its own answers it with `expire` if it is still
   * unanswered `waitMs` plus the limit from now (a read inside the wait that a cut link keeps
   * waiting). Returns what ends the wait: the request is entered again with a fresh limit.
   */
  suspend(request: FastifyRequest, reply: FastifyReply, waitMs: number): () => void {
    this.leave(request);
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
    for (let entry = this.first; entry !== undefined; entry = entry.next) {
      if (!entry.reply.sent) void entry.reply.header('connection', 'close');
    }
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
