import { EXIT } from '@org/cli';
import { OperationEnds } from '@org/operations';
import type { Runtime } from '../runtime/open-runtime.js';
import { followProvisioning } from './follow-provisioning.js';

/** How long a job may wait unfetched before `provision` (or `branch`) says no worker seems to be running. */
export const NO_WORKER_NOTICE_MS = 5000;

/**
 * What a command does once it asked for project `projectId`'s provisioning (`jobId`, or null
 * when the project had an operation open already, which is followed instead): says so, says
 * when no worker takes the job in {@link NO_WORKER_NOTICE_MS}, prints each step as a worker
 * completes it, then claims and prints the one-time result. `provision` and `branch` share
 * it, so a branch shows its provisioning and its credentials as any project does. Needs the
 * runtime's queue started. `timeoutMs`: as {@link followProvisioning}'s. Resolves with the exit code.
 */
export async function followAndClaim(
  runtime: Runtime,
  print: (line: string) => void,
  projectId: string,
  jobId: string | null,
  timeoutMs?: number,
): Promise<number> {
  print(
    jobId === null
      ? `${projectId} has an operation queued or running already; following it`
      : `provision ${jobId} queued`,
  );
  const notice =
    jobId === null
      ? undefined
      : setTimeout(() => {
          void runtime.queue.jobState(jobId).then(
            (state) => {
              if (state !== 'created') return;
              print(
                `  no worker has taken the job in ${NO_WORKER_NOTICE_MS / 1000} s: is one running? Start one with ` +
                  '`npm start` (or `provisioning-worker start`); this keeps waiting, and the job stays queued.',
              );
            },
            () => undefined,
          );
        }, NO_WORKER_NOTICE_MS);
  // The end is heard (LISTEN), not polled for: the follow ends the moment the operation
  // does. Step lines are read between, every 150 ms while it runs.
  // (The job's id is its operation's; a request that found one open follows that one.)
  const sql = runtime.ctx.db.client.sql;
  const operationId =
    jobId ??
    (
      await sql<{ id: string }[]>`
        select id from control_plane.operations where project_id = ${projectId} and kind = 'provision'
        order by created_at desc limit 1`
    )[0]?.id;
  const ends = await OperationEnds.open(sql);
  // No operation at all (a project provisioned by hand): the steps' reads alone end it.
  const watch = ends.watch(operationId ?? projectId);
  const outcome = await followProvisioning(projectId, runtime.ctx.journal, print, {
    timeoutMs,
    pause: (ms) => watch.next(ms),
  }).finally(() => {
    clearTimeout(notice);
    watch.cancel();
    return ends.close();
  });
  if (outcome !== 'provisioned') {
    print(outcome === 'timeout' ? 'gave up waiting (the job goes on; see `status`)' : 'provisioning failed');
    return EXIT.failed;
  }
  const result = await runtime.ctx.journal.results.claim(projectId);
  if (result === undefined) {
    print('provisioned; its one-time result was already claimed');
    return EXIT.ok;
  }
  print('provisioned. One-time result (it is not stored anymore; keep it safe):');
  print(JSON.stringify(result, null, 2));
  return EXIT.ok;
}
