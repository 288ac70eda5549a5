import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Sql } from 'postgres';

export interface NotificationFeedOptions {
  /**
   * How far behind the database the feed may be while {@link NotificationFeed.trusted}, in
   * ms (default 1000). Heartbeats go every quarter of it.
   */
  staleAfterMs?: number;
  /** Each message on the channel (heartbeats excluded), in commit order. */
  onMessage: (payload: string) => void;
  /**
   * Messages may have been lost: the listening connection was (re)made, or heartbeats stopped
   * coming back for longer than `staleAfterMs` and have just come back. A cache drops all.
   */
  onGap: () => void;
}

/**
 * The longest {@link NotificationFeed.close} waits for the server to take its UNLISTEN. A
 * server cut off never answers, and postgres.js's listening connection has no query limit
 * of its own (`query_timeout` 0), so a shutdown would wait for as long as the partition
 * lasts; the connection is left to the pool's end.
 */
const UNLISTEN_WAIT_MS = 2_000;

/** Heartbeats allowed on their way at once: a server that stopped answering does not pile them up. */
const MAX_HEARTBEATS_IN_FLIGHT = 4;

/**
 * A LISTEN on one channel that knows how far behind it is. PostgreSQL delivers
 * notifications in commit order, so when a heartbeat this feed sent itself at time `s`
 * (`pg_notify` through the pool) comes back, every message committed before `s` has been
 * delivered. The feed is {@link trusted} while its latest returned heartbeat was sent at most
 * `staleAfterMs` ago: a cache built on it answers from memory only then, and a cut or
 * lagging connection (a partition, a stalled server) stops that within the bound.
 */
export class NotificationFeed {
  private readonly nonce = randomUUID();
  private readonly staleAfterMs: number;
  /** Send times of heartbeats on their way, by sequence number. */
  private readonly sent = new Map<number, number>();
  private sequence = 0;
  /** Send time of the latest heartbeat that came back. */
  private heardAt = Number.NEGATIVE_INFINITY;
  private heartbeat: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private closed = false;

  private constructor(
    private readonly sql: Sql,
    private readonly channel: string,
    private readonly options: NotificationFeedOptions,
  ) {
    const stale = options.staleAfterMs ?? 1000;
    if (!Number.isFinite(stale) || stale <= 0) throw new TypeError('staleAfterMs must be a positive number of ms');
    this.staleAfterMs = stale;
  }

  /** Listens on `channel` through `sql` (one more connection) and starts the heartbeats. */
  static async open(sql: Sql, channel: string, options: NotificationFeedOptions): Promise<NotificationFeed> {
    const feed = new NotificationFeed(sql, channel, options);
    const subscription = await sql.listen(
      channel,
      (payload) => feed.hear(payload),
      // Called on every (re)subscription: what was said while the connection was down is lost.
      () => options.onGap(),
    );
    feed.unlisten = () => subscription.unlisten();
    feed.heartbeat = setInterval(() => feed.beat(), Math.max(1, Math.floor(feed.staleAfterMs / 4)));
    feed.heartbeat.unref();
    feed.beat();
    return feed;
  }

  /** Whether every message committed more than `staleAfterMs` ago has been delivered. */
  get trusted(): boolean {
    return !this.closed && performance.now() - this.heardAt <= this.staleAfterMs;
  }

  /**
   * Stops listening and the heartbeats; the feed is no longer trusted. Waits for the server
   * to take the UNLISTEN for {@link UNLISTEN_WAIT_MS} at most.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    const unlistened = this.unlisten?.();
    if (unlistened === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      unlistened.catch(() => undefined),
      // Not unref'd: a process whose last handle is this wait (the listening socket is
      // unref'd) would exit in the middle of its shutdown.
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, UNLISTEN_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  private hear(payload: string): void {
    if (!payload.startsWith('heartbeat:')) {
      this.options.onMessage(payload);
      return;
    }
    // Other processes' heartbeats say nothing about this connection.
    if (!payload.startsWith(`heartbeat:${this.nonce}:`)) return;
    const sequence = Number(payload.slice(this.nonce.length + 11));
    const sentAt = this.sent.get(sequence);
    if (sentAt === undefined) return;
    for (const earlier of this.sent.keys()) {
      if (earlier > sequence) break;
      this.sent.delete(earlier);
    }
    // Back after a lapse: a message may have been missed meanwhile.
    if (!this.trusted) this.options.onGap();
    this.heardAt = Math.max(this.heardAt, sentAt);
  }

  private beat(): void {
    if (this.closed || this.sent.size >= MAX_HEARTBEATS_IN_FLIGHT) return;
    const sequence = ++this.sequence;
    // The time is taken before the message leaves: the bound then errs on the safe side.
    this.sent.set(sequence, performance.now());
    this.sql`select pg_notify(${this.channel}, ${`heartbeat:${this.nonce}:${sequence}`})`.then(
      () => undefined,
      // Never heard back: let the next one go.
      () => this.sent.delete(sequence),
    );
  }
}

/** Opens a {@link NotificationFeed}: see there. */
export function openNotificationFeed(
  sql: Sql,
  channel: string,
  options: NotificationFeedOptions,
): Promise<NotificationFeed> {
  return NotificationFeed.open(sql, channel, options);
}
