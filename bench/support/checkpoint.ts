import type { Sql } from 'postgres';

/**
 * Writes the server's dirty pages out now (`CHECKPOINT`), outside any timing, so a case
 * does not pay for the writes of the case before it. Each template copy is WAL-logged page
 * by page, so a burst of 100 provisionings leaves the checkpointer hundreds of megabytes to
 * write while the next case runs: in six rounds of floor burst, two queue bursts, floor
 * burst, the queue burst right after the floor's was the slower of the two every time (8.9
 * to 14.8 projects/s against 11.8 to 22.1); with a checkpoint before each burst the floor's
 * ran 24 to 30 and the queue's 21 to 27. A role without the right to checkpoint leaves it to
 * the server.
 */
export async function checkpoint(sql: Sql): Promise<void> {
  await sql`checkpoint`.catch(() => undefined);
}
