import type { PgBoss } from 'pg-boss';
import type { Sql } from 'postgres';
import { dispatchEvents, DISPATCH_PAGE_SIZE } from './dispatch-events.js';

/** The channel the events triggers notify on. */
const EVENTS_CHANNEL = 'control_plane_events';

/** How a {@link WebhookDispatcher} runs. */
export interface WebhookDispatcherOptions {
  /** A pool of its own is best: one of its connections stays in LISTEN. */
  sql: Sql;
  boss: PgBoss;
  /** The feed is read this often without a notification (default 2 s). */
  pollIntervalMs?: number;
  pageSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Follows the events feed and creates deliveries ({@link dispatchEvents}) whenever events are
 * written: woken by `LISTEN control_plane_events`, with a poll as the fallback for a missed
 * notification (a dropped connection, or an event its writer had not yet committed when the
 * notification's pass read the feed). Several may run, one per worker: the cursor row lets
 * one advance at a time.
 */
export class WebhookDispatcher {
  private readonly options: WebhookDispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(options: WebhookDispatcherOptions) {
    this.options = options;
  }

  /** Starts listening and polling, and runs a first pass. */
  async start(): Promise<void> {
    const subscription = await this.options.sql.listen(
      EVENTS_CHANNEL,
      () => this.wake(),
      () => this.wake(),
    );
    this.unlisten = () => subscription.unlisten();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 2000);
    this.timer.unref();
    this.wake();
  }

  /** Runs a pass now, or once the running one ends. */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops waking and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.unlisten?.().catch(() => undefined);
    await this.running;
  }

  private async drain(): Promise<void> {
    const pageSize = this.options.pageSize ?? DISPATCH_PAGE_SIZE;
    try {
      // A full page means more may follow at once.
      while (!this.stopped && (await dispatchEvents(this.options.sql, this.options.boss, pageSize)) === pageSize);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
