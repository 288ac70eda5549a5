import { isUuid } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';

export const claimCommand: Command = {
  name: 'claim',
  summary: "Print a provisioned project's one-time result (password, API keys), once",
  usage: `Usage: provisioning-worker claim <projectId>

Prints the one-time result of a finished provisioning (its database password and API
keys) and deletes it: a second claim gets nothing. For a \`provision\` that gave up
waiting, or was interrupted. Enqueues nothing. Unclaimed results expire after a day.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId']);
    const projectId = positionals[0]!;
    if (!isUuid(projectId)) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    return withCommandRuntime(config, async (runtime) => {
      const result = await runtime.ctx.journal.results.claim(projectId.toLowerCase());
      if (result === undefined) {
        process.stdout.write(
          `no one-time result is waiting for ${projectId}: it was claimed already, expired, or the project is not provisioned (see \`status\`)\n`,
        );
        return EXIT.failed;
      }
      process.stdout.write(
        `One-time result (it is not stored anymore; keep it safe):\n${JSON.stringify(result, null, 2)}\n`,
      );
      return EXIT.ok;
    });
  },
};
