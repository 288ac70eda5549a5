import { OperationInProgressError } from '@org/errors';
import type { OperationRequest } from '@org/operations';
import type { Runtime } from '../runtime/open-runtime.js';
import { waitForOperation } from './wait-for-operation.js';

/** How long a command waits for a worker to run an operation. */
const WAIT_MS = 5 * 60_000;

/**
 * Asks for `request` and waits up to five minutes for a worker to end it; prints what was
 * queued, and why when it did not succeed. Resolves with whether it succeeded.
 */
export async function runOperation(
  runtime: Runtime,
  print: (line: string) => void,
  request: OperationRequest & { projectId: string },
): Promise<boolean> {
  const sql = runtime.ctx.db.client.sql;
  const operationId = await sql
    .begin((tx) => runtime.queue.requestOperation(tx, request))
    .catch((error: unknown) => {
      if (!OperationInProgressError.is(error)) throw error;
      return undefined;
    });
  if (operationId === undefined) {
    print(
      `${request.projectId} has an operation queued or running; ask again once it ended (see \`status ${request.projectId}\`)`,
    );
    return false;
  }
  print(`${request.kind} ${operationId} queued`);
  const report = await waitForOperation(sql, operationId, WAIT_MS);
  if (report?.status !== 'succeeded') {
    const code = typeof report?.error?.code === 'string' ? ` (${report.error.code})` : '';
    print(`the ${request.kind} is ${report?.status ?? 'missing'}${code}: see \`status ${request.projectId}\``);
    return false;
  }
  return true;
}
