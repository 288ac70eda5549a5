import { getProject, isUuid } from '@org/db';
import { OperationInProgressError } from '@org/errors';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { waitForOperation } from '../wait-for-operation.js';

/** How long the command waits for a worker to run the deletion. */
const WAIT_MS = 5 * 60_000;

export const deprovisionCommand: Command = {
  name: 'deprovision',
  summary: 'Delete a project: revoke keys, disable services, drop its database',
  usage: `Usage: provisioning-worker deprovision <projectId>

Asks for a delete operation (as the API's DELETE /v1/projects/{id} does, recorded as
requested by the CLI) and waits up to five minutes for a worker to run it: the project's
API keys are revoked, its services disabled, its tenant database and role dropped, and it
ends \`deleted\`. A deleted project is left as it is. Needs a running worker.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId']);
    const projectId = positionals[0]!;
    if (!isUuid(projectId)) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const id = projectId.toLowerCase();
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(config, async (runtime) => {
      const project = await getProject(id, runtime.ctx.db);
      if (project === undefined) {
        print(`project ${id} does not exist`);
        return EXIT.failed;
      }
      if (project.state === 'deleted') {
        print(`${id} is deleted already; there was nothing to remove`);
        return EXIT.ok;
      }
      const sql = runtime.ctx.db.client.sql;
      const operationId = await sql
        .begin((tx) => runtime.queue.requestOperation(tx, { kind: 'delete', projectId: id, requestedBy: 'cli' }))
        .catch((error: unknown) => {
          if (!OperationInProgressError.is(error)) throw error;
          return undefined;
        });
      if (operationId === undefined) {
        print(`${id} has an operation queued or running; ask again once it ended (see \`status ${id}\`)`);
        return EXIT.failed;
      }
      print(`delete ${operationId} queued`);
      const report = await waitForOperation(sql, operationId, WAIT_MS);
      if (report?.status !== 'succeeded') {
        print(`the delete is ${report?.status ?? 'missing'}: see \`status ${id}\``);
        return EXIT.failed;
      }
      print(`deleted ${id}: its API keys revoked, services disabled, database and role dropped`);
      return EXIT.ok;
    });
  },
};
