import { clientTimeouts, reconnectBackoff, SESSION_LIMITS, sessionParameters } from '@org/db';
import { PgBoss } from 'pg-boss';
import postgres, { type Sql } from 'postgres';
import { postgresJsBossDb } from './postgres-js-boss-db.js';

/** pg-boss's flow pass (for jobs that wait on others, which these queues never send): once an hour. */
const IDLE_FLOW_INTERVAL_SECONDS = 3600;

/** How {@link openBoss} connects. */
export interface OpenBossOptions {
  poolSize?: number;
  applicationName?: string;
  onError?: (error: Error) => void;
  /**
   * Run pg-boss's maintenance (expiring dead jobs, retries, dead letters) in this process
   * (default true). A process that only sends jobs, as the HTTP API does, leaves it to the workers.
   */
  supervise?: boolean;
  /** How often the supervising process looks for dead jobs, in seconds (default 30). */
  superviseIntervalSeconds?: number;
}

/**
 * pg-boss 12 in the control-plane database (schema `pgboss`), over a small postgres.js pool
 * of its own (Drizzle changes the type parsers of any pool it wraps), tuned for what an
 * idle worker should not pay for. Not started: `boss.start()` is the caller's.
 */
export function openBoss(databaseUrl: string, options: OpenBossOptions = {}): { boss: PgBoss; sql: Sql } {
  const superviseIntervalSeconds = options.superviseIntervalSeconds ?? 30;
  const sql = postgres(databaseUrl, {
    max: options.poolSize ?? 4,
    ...clientTimeouts(SESSION_LIMITS.queue),
    idle_timeout: 30,
    connect_timeout: 10,
    backoff: reconnectBackoff,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'control-plane-queue',
      ...sessionParameters(SESSION_LIMITS.queue),
    },
  });
  const boss = new PgBoss({
    db: postgresJsBossDb(sql),
    schema: 'pgboss',
    useListenNotify: true,
    supervise: options.supervise ?? true,
    superviseIntervalSeconds,
    monitorIntervalSeconds: Math.max(1, Math.min(60, superviseIntervalSeconds)),
    // What an idle worker pays for and does not use. We send no scheduled jobs and no flows
    // (jobs that wait for others): pg-boss's cron poll and flow resolution were 52 of the
    // 115 statements an idle worker sent a minute (the flow pass can only be made rare).
    // Its instance registry samples the event loop every 20 ms to report it: 50 wake-ups a
    // second; our own /metrics reports the process.
    schedule: false,
    flowIntervalSeconds: IDLE_FLOW_INTERVAL_SECONDS,
    registerInstance: false,
  });
  // pg-boss reports failed polls and maintenance (the database restarting, say) as 'error'
  // events; an unheard one would crash the process. It retries on its own.
  boss.on('error', options.onError ?? (() => {}));
  return { boss, sql };
}
