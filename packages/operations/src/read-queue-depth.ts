import type { Sql } from 'postgres';
import { PROVISION_DEAD_LETTER_QUEUE, PROVISION_QUEUE } from './queue-names.js';

/** The provisioning queue's jobs by state, and its dead letters not yet handled. */
export interface QueueDepth {
  states: Record<string, number>;
  deadLetters: number;
}

/**
 * Read from pg-boss's job table (not its cached stats, which refresh once a monitor
 * interval): `ready` may start now, `deferred` waits for its start time, `retry` waits for
 * its next attempt, `active` is running.
 */
export async function readQueueDepth(sql: Sql): Promise<QueueDepth> {
  const rows = await sql<{ name: string; state: string; count: number }[]>`
    select name,
           case when state = 'created' and start_after > now() then 'deferred'
                when state = 'created' then 'ready'
                else state::text end as state,
           count(*)::int as count
    from pgboss.job
    where name in (${PROVISION_QUEUE}, ${PROVISION_DEAD_LETTER_QUEUE}) and state in ('created', 'retry', 'active')
    group by 1, 2`;
  const states: Record<string, number> = { ready: 0, deferred: 0, retry: 0, active: 0 };
  let deadLetters = 0;
  for (const row of rows) {
    if (row.name === PROVISION_QUEUE) states[row.state] = row.count;
    else deadLetters += row.count;
  }
  return { states, deadLetters };
}
