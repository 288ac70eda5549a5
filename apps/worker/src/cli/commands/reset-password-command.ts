import { isUuid } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { waitForOperation } from '../wait-for-operation.js';

/** How long the command waits for a worker to run the reset. */
const WAIT_MS = 60_000;

export const resetPasswordCommand: Command = {
  name: 'reset-password',
  summary: "Give a project's database role a new password and print it, once",
  usage: `Usage: provisioning-worker reset-password <projectId>

Asks for a reset-password operation (as the API's POST /v1/projects/{id}/reset-password
does), waits up to a minute for a worker to run it, then claims the new credentials and
prints them: they are not stored anywhere afterwards. For a tenant that lost its password,
or whose password leaked. Sessions already open stay open. Needs a running worker.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId']);
    if (!isUuid(positionals[0])) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const projectId = positionals[0].toLowerCase();
    return withCommandRuntime(config, async (runtime) => {
      const operationId = await runtime.ctx.db.client.sql.begin((tx) =>
        runtime.queue.requestOperation(tx, { kind: 'reset_password', projectId, requestedBy: 'cli' }),
      );
      process.stdout.write(`reset-password ${operationId} queued\n`);
      const status = (await waitForOperation(runtime.ctx.db.client.sql, operationId, WAIT_MS))?.status ?? 'missing';
      if (status !== 'succeeded') {
        process.stdout.write(`the reset ended ${status}: see \`status ${projectId}\`\n`);
        return EXIT.failed;
      }
      const result = await runtime.ctx.journal.results.claim(projectId);
      if (result === undefined) {
        process.stdout.write('the new password was claimed by someone else first\n');
        return EXIT.failed;
      }
      process.stdout.write(
        `New credentials (not stored anymore; keep them safe):\n${JSON.stringify(result.database, null, 2)}\n`,
      );
      return EXIT.ok;
    });
  },
};
